"""Connections kept on an object: `self.conn = self.engine.connect()` in `setUp` or `__init__`.

Test suites and long-lived workers open one connection, keep it on `self`, and write through
it from every method. 1.x committed each write by itself; 2.x autobegins one transaction on
the first statement and keeps it open until `commit()`, `rollback()` or `close()` — so the
writes are lost at close, other connections never see them, and reads in later methods run
inside that same transaction. Which methods and statements that touches is a class-wide
question; this module answers it from one file's syntax, once per class and attribute.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import own_nodes
from sqla_assist.rules._flow import ddl_bind, file_memo, is_write, self_attr

Func = ast.FunctionDef | ast.AsyncFunctionDef

_ENDS = frozenset({"commit", "begin", "begin_twophase", "rollback", "execution_options"})
_STATEMENTS = frozenset({"execute", "exec_driver_sql"})


@dataclass
class KeptConnection:
    """What a class does with `self.<attr>` when some method assigns it `<x>.connect()`."""

    attr: str
    assigned: list[ast.Assign] = field(default_factory=list)  # `self.conn = <x>.connect()`
    ended: bool = False  # some method begins, commits or rolls back on it
    # method -> its statements on the connection, in source order, each with "is it a write"
    statements: dict[int, list[tuple[ast.Call, bool]]] = field(default_factory=dict)

    @property
    def written(self) -> bool:
        return any(w for stmts in self.statements.values() for _, w in stmts)


def _write(arg: ast.expr, assigned: dict[str, list[ast.expr]], ctx: FileContext) -> bool:
    """`is_write`, following names through this method's own assignments (any scope)."""
    if isinstance(arg, ast.Name):
        return any(_write(v, {}, ctx) for v in assigned.get(arg.id, ()))
    return is_write(arg, ctx)


def _scan(cls: ast.ClassDef, attr: str, ctx: FileContext) -> KeptConnection | None:
    kept = KeptConnection(attr)
    for method in cls.body:
        if not isinstance(method, Func):
            continue
        nodes = own_nodes(method)
        assigned: dict[str, list[ast.expr]] = {}
        for sub in nodes:
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1:
                target = sub.targets[0]
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(sub.value)
                elif self_attr(target) == attr:
                    value = sub.value
                    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "connect":
                        kept.assigned.append(sub)
                    else:
                        return None  # also holds something else (`engine.begin()`, a fixture's)
        statements: list[tuple[ast.Call, bool]] = []
        for sub in nodes:
            if not (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)):
                continue
            if self_attr(sub.func.value) == attr:
                if sub.func.attr in _ENDS:
                    kept.ended = True
                elif sub.func.attr in _STATEMENTS and sub.args:
                    statements.append((sub, _write(sub.args[0], assigned, ctx)))
            elif isinstance(sub.func.value, ast.Name | ast.Attribute) and self_attr(ddl_bind(sub)) == attr:
                statements.append((sub, True))  # `metadata.create_all(self.conn)` is DDL
        if statements:
            statements.sort(key=lambda s: (s[0].lineno, s[0].col_offset))
            kept.statements[id(method)] = statements
    return kept if kept.assigned else None


def kept_connection(cls: ast.ClassDef, attr: str, ctx: FileContext) -> KeptConnection | None:
    """The class-wide use of `self.<attr>`, or None when no method assigns it `<x>.connect()`."""
    memo = file_memo(ctx, "kept_connection")
    key = f"{id(cls)}:{attr}"
    if key not in memo:
        memo[key] = _scan(cls, attr, ctx)
    found = memo[key]
    return found if isinstance(found, KeptConnection) else None


def enclosing_class(ctx: FileContext) -> tuple[ast.ClassDef, Func] | None:
    """The class whose method is being visited, with that method."""
    scope = ctx.scope
    method = scope.node
    parent = scope.parent
    if isinstance(method, Func) and parent is not None and isinstance(parent.node, ast.ClassDef):
        return parent.node, method
    return None
