from sqlalchemy import text
from sqlalchemy.orm import Session


def raw(session: Session):
    return session.query(User).from_statement(text("select * from users")).all()  # expect: SQ120


def weak(db):
    return db.query(User).from_statement(text("select * from users")).all()  # expect: SQ120 weak
