"""Where a fix's new import lines go, so the diff reads like a person wrote it.

libcst's AddImportsVisitor merges names into an existing `from x import ...` line when it can,
and otherwise appends a new line after the file's last top-level import. In a file whose
imports end with the project's own (`from app.db import Base`), that puts
`from sqlalchemy.orm import relationship` among the first-party imports, which isort and ruff
then flag. This moves each *new* line next to its own package (in dotted-name order among the
`from` imports of that package) or, for a package the file does not import yet, in front of
the first first-party or relative import.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.helpers import get_full_name_for_node


def place_new_imports(old: cst.Module, new: cst.Module, first_party: str) -> cst.Module:
    """`new` (`old` after AddImportsVisitor) with the import lines it added moved to their group,
    and the names it merged into an already sorted `from` line kept sorted."""
    before = {old.code_for_node(stmt) for stmt in old.body if _import_of(stmt) is not None}
    sorted_before = {
        _import_of(stmt) for stmt in old.body if _import_of(stmt) is not None and _names_sorted(stmt)
    }
    body = [
        _sort_names(stmt) if _import_of(stmt) in sorted_before and new.code_for_node(stmt) not in before else stmt
        for stmt in new.body
    ]
    added = [
        stmt for stmt in body if _import_of(stmt) is not None and new.code_for_node(stmt) not in before
    ]
    if not added:
        return new
    for stmt in added:
        body.remove(stmt)
    for stmt in added:
        body.insert(_slot(body, _import_of(stmt) or "", first_party), stmt)
    return new.with_changes(body=body)


def _import_of(stmt: cst.CSTNode) -> str | None:
    """Dotted module of a top-level import line (leading dots kept for relative imports)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    node = stmt.body[0]
    if isinstance(node, cst.ImportFrom):
        dots = "." * len(node.relative)
        return dots + ((get_full_name_for_node(node.module) or "") if node.module is not None else "")
    if isinstance(node, cst.Import):
        return (get_full_name_for_node(node.names[0].name) or "")
    return None


def _slot(body: Sequence[cst.CSTNode], module: str, first_party: str) -> int:
    """Index at which an import of `module` belongs among the existing top-level statements."""
    top = module.partition(".")[0]
    imports = [(i, m) for i, stmt in enumerate(body) if (m := _import_of(stmt)) is not None]
    if not imports:
        return 0
    same = [(i, m) for i, m in imports if m.partition(".")[0] == top]
    if same:
        for i, m in same:
            if m > module:
                return i
        return same[-1][0] + 1
    for i, m in imports:
        if m.startswith(".") or (first_party and m.partition(".")[0] == first_party):
            # Not in front of `from __future__` or a docstring: those come before any import.
            return i
    return imports[-1][0] + 1


def _alias_names(stmt: cst.CSTNode) -> list[cst.ImportAlias] | None:
    if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.ImportFrom):
        names = stmt.body[0].names
        return list(names) if not isinstance(names, cst.ImportStar) else None
    return None


def _order(alias: cst.ImportAlias) -> tuple[int, str]:
    """isort's and ruff's default order-by-type: CONSTANTS, then Classes, then functions."""
    name = get_full_name_for_node(alias.name) or ""
    rank = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return rank, name


def _names_sorted(stmt: cst.CSTNode) -> bool:
    names = _alias_names(stmt)
    return names is not None and [_order(a) for a in names] == sorted(_order(a) for a in names)


def _sort_names(stmt: cst.BaseStatement) -> cst.BaseStatement:
    """A `from x import a, b` line whose names were in order before a fix added one: keep order."""
    names = _alias_names(stmt)
    if names is None or not isinstance(stmt, cst.SimpleStatementLine):
        return stmt
    ordered = sorted(names, key=_order)
    # Commas and line breaks belong to the position, not to the name.
    names = [alias.with_changes(comma=slot.comma) for alias, slot in zip(ordered, names, strict=True)]
    node = stmt.body[0]
    assert isinstance(node, cst.ImportFrom)
    return stmt.with_changes(body=[node.with_changes(names=names)])
