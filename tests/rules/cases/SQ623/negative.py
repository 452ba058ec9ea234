import enum

from sqlalchemy import Column, Enum


class Status(enum.Enum):
    active = "active"
    enabled = "active"


class Color(enum.Enum):
    red = 1
    blue = 2


class Row(Base):
    status = Column(Enum(Status, omit_aliases=False))
    color = Column(Enum(Color))
    kind = Column(Enum("a", "b", name="kind"))
