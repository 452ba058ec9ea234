"""Which attribute names this file's own model classes declare (for SQ701–SQ703 detection).

The fixers resolve a string name only against classes defined in the same file; a detector
offers the fix only when every name it saw is declared by such a class, and otherwise says
why the string stays manual. Pure `ast`, so detection never imports libcst.
"""

from __future__ import annotations

import ast
from weakref import WeakKeyDictionary

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind

_CACHE: WeakKeyDictionary[ast.Module, frozenset[str]] = WeakKeyDictionary()


def local_attr_names(ctx: FileContext) -> frozenset[str]:
    """Attribute names declared in the bodies of this file's module-level model classes."""
    cached = _CACHE.get(ctx.tree)
    if cached is not None:
        return cached
    names: set[str] = set()
    for cls in ctx.tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        if ctx.inference.fact(ast.Name(cls.name, ast.Load()), ctx.module_scope).kind is not Kind.MODEL:
            continue
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                names.add(stmt.targets[0].id)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names.add(stmt.target.id)
    result = frozenset(names)
    _CACHE[ctx.tree] = result
    return result


def unresolved(names: list[str], ctx: FileContext) -> list[str]:
    """The names (dotted paths split) that no model class of this file declares."""
    known = local_attr_names(ctx)
    return [part for name in names for part in name.split(".") if part != "*" and part not in known]
