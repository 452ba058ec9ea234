from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, mapped_column


class Base(DeclarativeBase):
    pass


class Ordered:
    created = mapped_column(Integer, sort_order=-10)


class NoOwnColumns:
    created = Column(Integer)


class P(Ordered, Base):
    __tablename__ = "p"
    id = mapped_column(Integer, primary_key=True)


class Q(NoOwnColumns, Base):
    __tablename__ = "q"


class Helper:
    pass


class R(Helper, Base):
    __tablename__ = "r"
    id = Column(Integer, primary_key=True)
    name = Column(String)
