from sqlalchemy.orm import Session


def f(session: Session):
    return session.query(User).join((Address, User.id == Address.user_id))  # expect: SQ705


def g(session: Session):
    return session.query(User).outerjoin(  # expect: SQ705
        (Address, User.id == Address.user_id),
        (Order, Order.user_id == User.id),
    )
