import sqlalchemy as sa
from sqlalchemy import Column, DateTime
from sqlalchemy.orm import declarative_mixin


@declarative_mixin  # expect: SQ317
class Timestamps:
    created = Column(DateTime)


@sa.orm.declarative_mixin  # expect: SQ317
class Audit:
    changed = Column(DateTime)
