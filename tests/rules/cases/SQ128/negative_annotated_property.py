from typing import ClassVar

from sqlalchemy.orm import DeclarativeBase, QueryPropertyDescriptor


class Base(DeclarativeBase):
    pass


class Search(Base):
    __tablename__ = "searches"
    query: ClassVar[str]


class Request:
    query: QueryPropertyDescriptor


class Settings:
    session = None


def saved(s):
    return Search.query.upper()


def request_query():
    return Request.query.filter


def plain(x):
    Settings.query.session.add(x)
