import enum

import sqlalchemy as sa
from sqlalchemy import Column, Enum


class Status(enum.Enum):
    active = "active"
    enabled = "active"
    off = "off"


class Row(Base):
    status = Column(Enum(Status))  # expect: SQ623
    other = Column(sa.Enum(Status, name="status2"))  # expect: SQ623
