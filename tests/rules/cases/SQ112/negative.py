from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload


def unique(session: Session):
    return session.scalars(select(User).options(joinedload(User.addresses))).unique().all()


def unique_execute(session: Session):
    return session.execute(select(User).options(joinedload(User.addresses))).unique().scalars().all()


def first(session: Session):
    return session.scalars(select(User).options(joinedload(User.addresses))).first()


def selectin(session: Session):
    return session.scalars(select(User).options(selectinload(User.addresses))).all()


def not_eager(session: Session):
    return session.query(User).all()


def unrelated(rows):
    return rows.all()
