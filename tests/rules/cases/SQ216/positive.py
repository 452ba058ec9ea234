from sqlalchemy import text
from sqlalchemy.orm import Session


def check(session: Session):
    session.add(User(id=70, name="af"))
    n = session.execute(text("select count(*) from users where id = 70")).scalar()  # expect: SQ216
    return n


def guessed(session, users_table):
    session.add_all([User(), User()])
    return session.execute(  # expect: SQ216 weak
        text("select 1")
    )
