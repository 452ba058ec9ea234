import sqlalchemy as sa
from sqlalchemy import create_engine, func, select

engine = create_engine("sqlite://")


def count(users):
    return engine.scalar(select(func.count()).select_from(users))  # expect: SQ402


def bound(session: "sa.orm.Session", stmt):
    return session.bind.scalar(stmt)  # expect: SQ402


async def guessed(db_engine, stmt):
    return db_engine.scalar(  # expect: SQ402 weak
        stmt
    )
