from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def modern(stmt, session: Session):
    with engine.connect() as conn:
        conn.scalar(stmt)
    return session.scalar(stmt)


def numpy_like(arr):
    return arr.scalar(1)
