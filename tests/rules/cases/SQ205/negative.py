import threading
from sqlalchemy import select
from sqlalchemy.orm import Session


def fresh(engine):
    session = Session(engine)
    with session.begin():
        session.add(User())


def after_commit(engine):
    session = Session(engine)
    session.add(User())
    session.commit()
    with session.begin():
        session.add(User())


def lock_begin(tx):
    tx.execute("select 1")
    tx.begin()


def connection(engine):
    with engine.connect() as conn:
        conn.execute(select(User))
