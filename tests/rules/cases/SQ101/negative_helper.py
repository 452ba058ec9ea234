"""Helpers that return something else: a list, a 2.0 `Select`, or a class name shadowed."""
from typing import List

from sqlalchemy import Select, select
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Trade(Base):
    __tablename__ = "trades"

    @staticmethod
    def get_trades_query(trade_filter=None) -> Select:
        return select(Trade).filter(*trade_filter)

    @staticmethod
    def cached() -> List["Trade"]:
        return []

    @staticmethod
    def first_cached():
        return Trade.cached().all()


class Registry:
    def items(self) -> dict:
        return {}

    def names(self):
        return self.items().all()


def run(session, Trade):
    # `Trade` here is a parameter, not the class above.
    return Trade.get_trades().all()


def two_zero(session):
    return session.scalars(Trade.get_trades_query([])).all()

