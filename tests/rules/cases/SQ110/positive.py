import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session


def after_join(session: Session):
    return session.query(User).join(User.addresses).filter_by(id=5).all()  # expect: SQ110


def several_entities(session: Session):
    return session.query(User, Address).filter_by(email="x").all()  # expect: SQ110


def select_after_join():
    return select(User).join(User.addresses).filter_by(id=5)  # expect: SQ110


def select_several():
    return sa.select(User, Address).filter_by(name="ed")  # expect: SQ110


def multiline(session: Session):
    return (
        session.query(User)  # expect: SQ110
        .outerjoin(Address, Address.user_id == User.id)
        .filter_by(email_address="a@b")
        .first()
    )


def weak(db):
    return db.query(User).join(User.orders).filter_by(total=1).all()  # expect: SQ110 weak
