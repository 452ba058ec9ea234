"""A helper's Query that is only passed on unrefined is the helper's own finding (its return);
helpers returning a `Select` or a list are not Queries."""
from sqlalchemy import Select, select
from sqlalchemy.orm import Query


class Trade:
    @staticmethod
    def get_trades(trade_filter=None) -> Query:
        raise NotImplementedError

    @staticmethod
    def get_trades_query(trade_filter=None) -> Select:
        return select(Trade).where(*trade_filter)

    @staticmethod
    def pairs() -> list:
        return []


def plain():
    trades = Trade.get_trades([])
    return trades


def two_zero(order_by):
    stmt = Trade.get_trades_query([]).order_by(order_by)
    return stmt


def listed():
    return Trade.pairs().copy()
