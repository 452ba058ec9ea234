import sqlite3
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def modern(session: Session):
    return session.execute(text("SELECT 1"))


def dbapi():
    cur = sqlite3.connect(":memory:").cursor()
    return cur.execute("select 1")


def connection():
    with engine.connect() as conn:
        return conn.execute("select 1")
