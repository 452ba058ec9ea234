from sqlalchemy import select, text
from sqlalchemy.orm import Session


def modern(session: Session):
    return session.scalars(select(User).from_statement(text("select * from users"))).all()


def unrelated(builder):
    return builder.from_statement("x")
