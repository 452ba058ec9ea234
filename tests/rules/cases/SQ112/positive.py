import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload


def legacy(session: Session):
    return session.query(User).options(joinedload(User.addresses)).all()  # expect: SQ112


def converted(session: Session):
    return session.scalars(select(User).options(joinedload(User.addresses))).all()  # expect: SQ112


def converted_execute(session: Session):
    return session.execute(  # expect: SQ112
        sa.select(User).join(User.addresses).options(contains_eager(User.addresses))
    ).scalars().all()


def nested_option(session: Session, uid):
    return session.execute(select(User).where(User.id == uid).options(selectinload(User.orders).joinedload(Order.items))).scalar_one()  # expect: SQ112


def weak(db):
    return db.query(User).options(joinedload(User.addresses)).one()  # expect: SQ112 weak
