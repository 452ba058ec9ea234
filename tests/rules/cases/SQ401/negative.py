import sqlite3
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def modern():
    with engine.connect() as conn:
        return conn.execute(select(users)).all()


def orm(session: Session):
    return session.execute(select(users))


def dbapi():
    cur = sqlite3.connect(":memory:").cursor()
    return cur.execute("select 1")
