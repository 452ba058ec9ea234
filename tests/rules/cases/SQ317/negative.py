from sqlalchemy import Column, DateTime

from myproject.decorators import declarative_mixin


@declarative_mixin
class Timestamps:
    created = Column(DateTime)


class Plain:
    pass
