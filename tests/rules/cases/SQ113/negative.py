from sqlalchemy import update
from sqlalchemy.orm import Session


def modern(session: Session):
    return session.execute(update(User).where(User.name == "foo").values(fullname="x")).rowcount


def mapping(d, other):
    d.update({"a": 1})
    d.update(other)
    return {1, 2}.update({3})


def table_update(users):
    return users.update().values(name="x")


def merge(session: Session, obj):
    session.merge(obj)
