from sqlalchemy import select, text
from sqlalchemy.orm import Session


def flushed(session: Session):
    session.add(User(id=70))
    session.flush()
    return session.execute(text("select count(*) from users")).scalar()


def orm_statement(session: Session):
    session.add(User(id=70))
    return session.execute(select(User)).all()


def nothing_pending(session: Session):
    return session.execute(text("select 1"))
