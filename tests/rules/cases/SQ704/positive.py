from sqlalchemy.orm import Session


def f(session: Session):
    return session.query(User).join(User.orders, Order.items, Item.keywords)  # expect: SQ704


def g(session: Session):
    return session.query(User).join("orders", "items")  # expect: SQ704


def h(db):
    return db.query(User).outerjoin(  # expect: SQ704 weak
        User.orders,
        Order.items,
    ).all()
