import enum

from sqlalchemy import select
from sqlalchemy.orm import Session


def modern(session: Session):
    return session.execute(select(User.id).where(User.active)).all()


def dict_views(d):
    return list(d.values()), d.get("value")


def insert_values(table):
    return table.insert().values(name="x")


def select_add_columns():
    return select(User).add_columns(User.name)


class Color(enum.Enum):
    RED = 1


def enum_value():
    return Color.RED.value
