from sqlalchemy import desc
from sqlalchemy.orm import Session


def legacy(session: Session):
    return session.query(User).join(User.addresses).distinct().order_by(Address.email_address).all()  # expect: SQ125


def order_first(session: Session):
    return session.query(User).join(User.addresses).order_by(desc(Address.email_address)).distinct().all()  # expect: SQ125


def descending(session: Session):
    return (
        session.query(User.id, User.name)  # expect: SQ125
        .join(User.orders)
        .distinct()
        .order_by(Order.created.desc())
    )
