import sqlite3
from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def modern(users):
    with engine.connect() as conn:
        conn.execute(select(users))
        conn.execute(users.select())


def migration(op):
    op.execute("UPDATE t SET x = 1")


def dbapi():
    cur = sqlite3.connect(":memory:").cursor()
    return cur.execute("select 1")
