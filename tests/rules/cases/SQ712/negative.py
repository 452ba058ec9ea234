from sqlalchemy.orm import Session, aliased


def f(session: Session):
    a1 = aliased(Address)
    return session.query(User).join(User.addresses.of_type(a1))


def g(session: Session):
    return session.query(User).join(Address, User.addresses)


def h(session: Session):
    from app.models import Slice

    return session.query(Dashboard).outerjoin(Slice, Dashboard.slices)
