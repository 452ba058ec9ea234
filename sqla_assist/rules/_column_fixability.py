"""When SQ308's `Column` → `mapped_column` fix is refused: one answer for detection and fixer.

With an annotation, `mapped_column` lets the annotation decide the type and NULL-ness, so the
fix needs a `Mapped[...]` annotation and a column that states its SQL type and nullability.
Detection reports MANUAL with this reason; the fixer raises it (no libcst here).
"""

from __future__ import annotations

import ast

from sqla_assist.rules._backref_fix import mapped_optional
from sqla_assist.rules._models import column_shape


def annotated_column_refusal(stmt: ast.stmt, call: ast.Call) -> str | None:
    """Why `stmt` (`x: T = Column(...)`) cannot become `mapped_column(...)` as it is, or None."""
    if not isinstance(stmt, ast.AnnAssign):
        return None
    if mapped_optional(stmt.annotation) is None:
        return "the annotation is not `Mapped[...]`: wrap it in `Mapped[...]` first (SQ312)"
    shape = column_shape(call)
    if shape.sql_type is None:
        return "with an annotation and no SQL type, `mapped_column` would take the type from the annotation"
    if shape.nullable is None:
        return f"{shape.reason}: the annotation would decide NULL-ness"
    return None
