import enum

import sqlalchemy as sa
from sqlalchemy import Column, Enum, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Status(enum.Enum):
    active = "active"
    enabled = "active"
    off = "off"


class Plain(enum.Enum):
    a = 1
    b = 2


class Account(Base):
    __tablename__ = "accounts"
    id = Column(Integer, primary_key=True)
    status = Column(Enum(Status))
    other = Column(sa.Enum(
        Status,
        name="status2",
    ))
    plain = Column(Enum(Plain))
    spread = Column(Enum(Status, **{"name": "status3"}))
