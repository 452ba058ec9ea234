import sqlalchemy as sa
from sqlalchemy.engine import ResultProxy
from sqlalchemy.engine.result import RowProxy, Result


def f(r: ResultProxy) -> RowProxy:
    return r.first()


def g(r: Result) -> bool:
    return isinstance(r, sa.engine.ResultProxy)
