from sqlalchemy import create_engine, func, select

engine = create_engine("sqlite://")


def count(users):
    n = engine.scalar(select(func.count()).select_from(users))
    return n


def total(users):
    return engine.scalar(select(func.sum(users.c.id)))


def raw():
    return engine.scalar("SELECT 1")
