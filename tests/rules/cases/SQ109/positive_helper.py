"""A Query from a helper (`-> Query`), refined with Query methods, then stored or returned."""
import typing
from typing import Optional, overload

import sqlalchemy.orm as sa_orm
from sqlalchemy.orm import Query, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


class Trade:
    @staticmethod
    def get_trades(trade_filter=None) -> "Query[Trade]":  # expect: SQ109
        return db_session.query(Trade).filter(*trade_filter)  # expect: SQ109


def closed(order_by, limit):
    trades = Trade.get_trades([Trade.is_open.is_(False)]).order_by(  # expect: SQ109
        order_by).limit(limit)
    return list(trades)


def paged(offset):
    return Trade.get_trades([]).offset(offset)  # expect: SQ109


async def pending(session) -> Optional[Query]:  # expect: SQ109
    return None


def locks() -> sa_orm.Query:  # expect: SQ109
    raise NotImplementedError


@overload
def by_kind(kind: int) -> Query: ...


@typing.overload
def by_kind(kind: str) -> Query: ...


def by_kind(kind) -> Query:  # expect: SQ109
    # only the implementation's signature is reported, not each `@overload` stub
    raise NotImplementedError
