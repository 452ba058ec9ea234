from sqlalchemy import select, text
from sqlalchemy.orm import Session


def modern(session: Session):
    return session.execute(select(User).filter_by(active=True))


def statement(session: Session):
    return session.execute(session.query(User).statement)


def cursor(cur, query):
    return cur.execute(query)


def raw(session: Session):
    return session.execute(text("select 1"))
