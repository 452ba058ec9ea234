from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def update_name(engine, user_id):
    session = Session(engine)
    user = session.get(User, user_id)
    with session.begin():  # expect: SQ205
        user.name = "x"


def guessed(session):
    rows = session.execute(select(User)).all()
    session.begin()  # expect: SQ205 weak
    return rows


async def in_async():
    session = SessionLocal()
    session.add(User())
    session.begin()  # expect: SQ205


def helper(session: Session, user):
    with session.begin():  # expect: SQ205 weak
        session.add(user)
