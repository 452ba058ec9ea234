from sqlalchemy import select
from sqlalchemy.orm import Session


def single_entity(session: Session):
    return session.query(User).filter_by(name="ed").all()


def filter_first(session: Session):
    return session.query(User).filter_by(name="ed").join(User.addresses).all()


def modern_select():
    return select(User).filter_by(name="ed")


def explicit(session: Session):
    return session.scalars(select(User).join(User.addresses).where(Address.id == 5)).all()


def django_like(Model):
    return Model.objects.filter_by(name="x")
