import os

from sqlalchemy import exists, select
from sqlalchemy.orm import Session


def modern(session: Session):
    return session.scalar(select(select(User).where(User.id == 1).exists()))


def function(session: Session):
    return session.scalar(select(exists().where(User.id == 1)))


def paths(p):
    return os.path.exists(p) or p.exists()


def table(users):
    return users.select().exists()
