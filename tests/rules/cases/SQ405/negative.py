from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
import sqlite3

engine = create_engine("sqlite://")


def modern(users, session: Session):
    with engine.begin() as conn:
        conn.execute(users.insert(), {"id": 10})
        conn.execute(text("x"), execution_options={"a": 1})
    session.execute(text("x"), mapper=users)


def dbapi():
    cur = sqlite3.connect(":memory:").cursor()
    cur.execute("select :id", dict(id=5))
