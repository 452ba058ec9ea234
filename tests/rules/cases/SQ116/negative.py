from sqlalchemy import select
from sqlalchemy.orm import Session


def modern(session: Session):
    stmt = select(User).execution_options(populate_existing=True, autoflush=False, yield_per=500)
    return session.scalars(stmt)


def session_flag(session: Session):
    session.autoflush = False
    return session.autoflush


def result_yield(result):
    return result.yield_per(10)
