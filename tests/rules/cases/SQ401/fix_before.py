from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine

engine = create_engine("sqlite://")


def write(users):
    # add one
    engine.execute(users.insert(), {"name": "x"})  # trailing


def read(users):
    rows = engine.execute(select(users).where(users.c.id == 5)).fetchall()
    return rows


def count(e: Engine):
    return e.execute(text("SELECT count(*) FROM users")).scalar()


def raw():
    engine.execute("INSERT INTO t (a) VALUES (?)", 1)


def kept(users):
    result = engine.execute(select(users))
    for row in engine.execute(select(users)):
        print(row)
    return result
