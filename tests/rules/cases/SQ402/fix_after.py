from sqlalchemy import create_engine, func, select

engine = create_engine("sqlite://")


def count(users):
    with engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(users))
    return n


def total(users):
    with engine.connect() as conn:
        return conn.scalar(select(func.sum(users.c.id)))


def raw():
    return engine.scalar("SELECT 1")
