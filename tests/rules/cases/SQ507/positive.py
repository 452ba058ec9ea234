import sqlalchemy as sa
from sqlalchemy.engine import ResultProxy, RowProxy  # expect: SQ507
from sqlalchemy.engine.result import LegacyRow  # expect: SQ507
from sqlalchemy.util import KeyedTuple  # expect: SQ507
from sqlalchemy.engine import (  # expect: SQ507
    Connectable,
    Engine,
)


def f(r: sa.engine.ResultProxy) -> RowProxy:  # expect: SQ507
    return r.first()
