from sqlalchemy import select
from sqlalchemy.orm import Session


def selected(session: Session):
    return session.query(User).distinct().order_by(User.name).all()


def column_selected(session: Session):
    return session.query(User, Address.email_address).join(User.addresses).distinct().order_by(Address.email_address).all()


def no_distinct(session: Session):
    return session.query(User).join(User.addresses).order_by(Address.email_address).all()


def distinct_on(session: Session):
    return session.query(User).distinct(User.name).order_by(User.name, Address.id).all()


def modern():
    return select(User, Address.email_address).join(User.addresses).distinct().order_by(Address.email_address)
