import sqlalchemy as sa
from sqlalchemy.orm import Session


def run(session: Session, stmt, other_engine):
    session.execute(stmt, {"a": 1}, mapper=User)  # expect: SQ207
    session.scalars(  # expect: SQ207
        stmt,
        bind=other_engine,
    )


def guessed(db_session, stmt):
    return db_session.scalar(stmt, clause=stmt)  # expect: SQ207 weak
