from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

engine = create_engine("sqlite://")


def branch(stmt):
    with engine.connect() as conn:
        b = conn.connect()  # expect: SQ417
        b.execute(stmt)


def guessed(connection):
    return connection.connect()  # expect: SQ417 weak


def typed(c: Connection):
    return c.connect()  # expect: SQ417
