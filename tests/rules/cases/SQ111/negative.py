from sqlalchemy import select
from sqlalchemy.orm import Session


def columns(session: Session):
    return session.query(User.id, Address.email).join(User.addresses).all()


def several(session: Session):
    return session.query(User, Address).join(User.addresses).all()


def no_join(session: Session):
    return session.query(User).filter(User.active).all()


def distinct(session: Session):
    return session.query(User).join(User.addresses).distinct().all()


def modern(session: Session):
    return session.scalars(select(User).join(User.addresses)).unique().all()


def first_only(session: Session):
    return session.query(User).join(User.addresses).first()
