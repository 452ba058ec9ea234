"""Queries handed out by helpers: a return annotation (`-> Query[...]`, `-> "Query"`) or a
`return session.query(...)` says what `Class.method()`, `self.method()` and `helper()` give."""
from typing import List

from sqlalchemy.orm import Query, Session, declarative_base, scoped_session, sessionmaker

Base = declarative_base()
db_session = scoped_session(sessionmaker())


class Trade(Base):
    __tablename__ = "trades"

    @staticmethod
    def get_trades(trade_filter=None) -> Query["Trade"]:
        return db_session.query(Trade).filter(*trade_filter)

    @staticmethod
    def get_open_trades() -> List["Trade"]:
        return Trade.get_trades([Trade.is_open.is_(True)]).all()  # expect: SQ101

    @classmethod
    def closed(cls):
        return cls.get_trades([Trade.is_open.is_(False)]).order_by(Trade.id).all()  # expect: SQ101


class LockStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def base(self):
        return self.session.query(Trade)  # returns a Query: no annotation needed

    def every(self):
        return self.base().filter(Trade.id > 0).all()  # expect: SQ101


def recent() -> "Query":
    return db_session.query(Trade)


def report():
    return recent().limit(5).all()  # expect: SQ101
