import sqlalchemy as sa
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def read():
    return engine.execute(sa.select(users)).fetchall()  # expect: SQ401


def write():
    engine.execute(users.insert(), {"name": "x"})  # expect: SQ401


def bound(session: Session):
    return session.bind.execute(sa.text("select 1"))  # expect: SQ401


def guessed(db_engine):
    return db_engine.execute(sa.select(users))  # expect: SQ401 weak
