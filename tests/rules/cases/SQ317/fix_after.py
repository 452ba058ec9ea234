from sqlalchemy import Column, DateTime
from sqlalchemy.orm import declarative_mixin


class Timestamps:
    created = Column(DateTime)


@declarative_mixin  # marker for the mypy plugin
class Named:
    pass
