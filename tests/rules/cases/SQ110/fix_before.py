from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Address, User


def after_join(session: Session):
    return session.query(User).join(Address).filter_by(id=5).all()


def with_onclause(session: Session, email):
    return (
        session.query(User)
        .outerjoin(Address, Address.user_id == User.id)
        .filter_by(email=email, id=2)
        .first()
    )


def several_entities(session: Session):
    return session.query(User, Address).filter_by(name="ed").all()


def select_after_join():
    return select(User).join(Address).filter_by(email="x")


def still_manual(session: Session):
    return session.query(User).join(User.addresses).filter_by(id=5).all()
