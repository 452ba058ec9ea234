"""A helper's Query passed on unrefined is the helper's own finding (its return); helpers
returning a `Select`, a list or the project's own `Query` class are not SQLAlchemy Queries."""
from sqlalchemy import Select, select
from app.db import Trade as _Base


class Query:
    """The project's own search query (not SQLAlchemy's)."""


class Trade(_Base):
    @staticmethod
    def search() -> Query:
        return Query()

    @staticmethod
    def get_trades_query(trade_filter=None) -> Select:
        return select(Trade).where(*trade_filter)

    @staticmethod
    def pairs() -> list:
        return []


def plain():
    trades = Trade.get_trades([])  # an unrefined helper result: the helper's own finding
    return trades


def own_query():
    return Trade.search()


def two_zero(order_by):
    stmt = Trade.get_trades_query([]).order_by(order_by)
    return stmt


def listed():
    return Trade.pairs().copy()
