from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def load(users):
    with engine.connect() as conn:
        return conn.execute(select(users))  # expect: SQ510


def load_later(users):
    with engine.begin() as conn:
        result = conn.execute(select(users))
    return result  # expect: SQ510


async def in_session(users):
    with Session(engine) as session:
        return session.execute(text("SELECT 1"))  # expect: SQ510


def weak(eng, users):
    with eng.connect() as connection:
        return connection.execute(select(users))  # expect: SQ510 weak
