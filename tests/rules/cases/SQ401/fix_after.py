from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine

engine = create_engine("sqlite://")


def write(users):
    # add one
    with engine.begin() as conn:
        conn.execute(users.insert(), {"name": "x"})  # trailing


def read(users):
    with engine.connect() as conn:
        rows = conn.execute(select(users).where(users.c.id == 5)).fetchall()
    return rows


def count(e: Engine):
    with e.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM users")).scalar()


def raw():
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (a) VALUES (?)", (1,))


def kept(users):
    result = engine.execute(select(users))
    for row in engine.execute(select(users)):
        print(row)
    return result
