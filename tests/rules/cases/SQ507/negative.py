from sqlalchemy.engine import CursorResult, Engine, Row

from myproject.compat import ResultProxy


def f(r: CursorResult) -> Row:
    return r.first()


def g(r: ResultProxy, e: Engine):
    return r
