import sqlalchemy as sa
from sqlalchemy.engine import CursorResult as ResultProxy, Row as RowProxy
from sqlalchemy.engine.result import Result


def f(r: ResultProxy) -> RowProxy:
    return r.first()


def g(r: Result) -> bool:
    return isinstance(r, sa.engine.CursorResult)
