"""The kinds of object evidence tells apart, and what their methods return.

Shared by the analyser (`evidence`) and the gathering pass (`gather`); kept apart from
`evidence` so that settling a cached rescan imports no analyser.
"""

from __future__ import annotations

import re
from enum import StrEnum

# A class-like name (`User`, `_Base`, not `USERS` or `user`): entities, models, mapped classes.
CLASS_NAME = re.compile(r"^_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")


class Kind(StrEnum):
    SESSION = "session"
    SESSION_FACTORY = "session_factory"
    SCOPED_SESSION = "scoped_session"
    ENGINE = "engine"
    CONNECTION = "connection"
    METADATA = "metadata"
    TABLE = "table"
    SELECT = "select"
    QUERY = "query"
    RESULT = "result"
    ROW = "row"
    MODEL = "model"
    BASE = "base"
    FLASK_DB = "flask_db"
    SEQUENCE = "sequence"
    SCHEMA_ITEM = "schema_item"  # a `Sequence` or `Index`: created and dropped on its own (SQ411)
    ROWS = "rows"  # a fetched list of rows (`.all()`, `.fetchall()`): consumed, iterable
    OTHER = "other"


SESSIONLIKE = frozenset({Kind.SESSION, Kind.SCOPED_SESSION})

# Separates the origins of a class with several bases from other modules, any of which may be
# the mapped one: `app.db.Base<subclass>|app.mixins.Stamped<subclass>`.
ALTERNATIVES = "|"

# Query methods that return a Query (so a chain stays a Query).
QUERY_METHODS = frozenset(
    ["filter", "filter_by", "join", "outerjoin", "select_from", "order_by", "group_by", "having", "limit", "offset", "slice", "distinct", "options", "correlate", "with_for_update", "with_hint", "prefix_with", "suffix_with", "execution_options", "params", "populate_existing", "enable_eagerloads", "with_entities", "add_columns", "add_entity", "add_column", "from_self", "select_entity_from", "with_parent", "with_polymorphic", "union", "union_all", "intersect", "intersect_all", "except_", "except_all", "reset_joinpoint", "yield_per", "autoflush", "enable_assertions", "with_labels", "set_label_style", "with_session", "with_statement_hint", "join_from", "outerjoin_from", "where"]
)

# Select methods that return a Select (so `select(...).where(...)` stays a Select).
SELECT_GENERATIVE = frozenset(
    ["where", "filter", "filter_by", "order_by", "group_by", "having", "limit", "offset", "fetch", "slice", "distinct", "correlate", "correlate_except", "select_from", "join", "outerjoin", "join_from", "outerjoin_from", "with_only_columns", "add_columns", "column", "apply_labels", "set_label_style", "with_for_update", "prefix_with", "suffix_with", "with_hint", "with_statement_hint", "params", "execution_options", "options", "reduce_columns", "union", "union_all", "except_", "except_all", "intersect", "intersect_all", "ext"]
)

# The pseudo-method a `via` chain uses for "iterate over it".
ITERATE = "__iter__"

_ROW_METHODS = frozenset({"fetchone", "first", "one", "one_or_none"})
_ROWS_METHODS = frozenset({"fetchall", "fetchmany", "all", "partitions"})


def method_result(kind: Kind | None, method: str) -> Kind | None:
    """What calling `method` on a value of `kind` returns (shared with the gathering pass)."""
    if kind is Kind.ENGINE and method in ("connect", "begin"):
        return Kind.CONNECTION
    if kind in SESSIONLIKE:
        if method == "connection":
            return Kind.CONNECTION
        if method == "get_bind":
            return Kind.ENGINE
        if method == "query":
            return Kind.QUERY
        if method == "begin":
            return Kind.OTHER
    if kind is Kind.QUERY and method in QUERY_METHODS:
        return Kind.QUERY
    if kind in (Kind.CONNECTION, Kind.ENGINE, Kind.SESSION, Kind.SCOPED_SESSION) and method in (
        "execute",
        "exec_driver_sql",
    ):
        return Kind.RESULT
    if kind is Kind.RESULT and method in _ROW_METHODS:
        return Kind.ROW
    if kind in (Kind.RESULT, Kind.ROWS) and method == ITERATE:
        return Kind.ROW
    if kind is Kind.RESULT and method in _ROWS_METHODS:
        return Kind.ROWS
    if kind is Kind.SESSION_FACTORY and method == "begin":
        return Kind.SESSION
    if kind is Kind.SELECT and method in SELECT_GENERATIVE:
        return Kind.SELECT
    if kind is Kind.TABLE and method == "select":
        return Kind.SELECT
    return None
