import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

a = select(users, addresses).apply_labels()  # expect: SQ608
b = sa.select(users.c.id, use_labels=True)  # expect: SQ608


def q(session: Session):
    return session.query(User).join(User.addresses).with_labels()  # expect: SQ608


def legacy(stmt):
    return stmt.apply_labels()  # expect: SQ608
