"""ast-level shape checks shared by the SQ4xx detectors and their fixers (no libcst here).

A detector offers a fix (SAFE) exactly where the fixer will take it; both ask these functions,
so the finding's fix class and the fixer's refusals agree.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.rules._flow import chain_root, file_memo, is_write, sa_qual, string_value

# Result methods that consume everything the statement returns before the `with` block ends.
CONSUMERS = frozenset(
    {"fetchall", "all", "scalar", "first", "one", "one_or_none", "scalar_one", "scalar_one_or_none"}
)


def enclosing_statement(node: ast.AST, ctx: FileContext) -> ast.stmt | None:
    """The statement whose own expressions (not nested bodies) contain `node`."""
    memo = file_memo(ctx, "engine-shapes-enclosing")
    table = memo.get("map")
    if not isinstance(table, dict):
        table = {}
        for stmt in ast.walk(ctx.tree):
            if not isinstance(stmt, ast.stmt):
                continue
            for _field, value in ast.iter_fields(stmt):
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if isinstance(item, ast.expr | ast.withitem | ast.keyword | ast.arguments):
                        for inner in ast.walk(item):
                            table[id(inner)] = stmt
        memo["map"] = table
    found = table.get(id(node))
    return found if isinstance(found, ast.stmt) else None


def connectionless_refusal(call: ast.Call, ctx: FileContext, *, scalar: bool) -> str | None:
    """Why `engine.execute(...)` / `engine.scalar(...)` at `call` cannot become a `with` block.

    None when the enclosing statement is one of the exact shapes: `engine.execute(stmt)` as a
    statement, `x = engine.execute(stmt).<consume>()`, `return engine.execute(stmt).<consume>()`
    (for `engine.scalar`, the call itself stands where `<...>.<consume>()` does).
    """
    stmt = enclosing_statement(call, ctx)
    if stmt is None:
        return "the call is not inside a statement that can be wrapped"
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return "`*args` / `**kwargs` given to the call: rewrite by hand"
    if not call.args:
        return "no statement to execute"

    def consumed(value: ast.expr | None) -> bool:
        if value is call:
            return scalar
        return (
            isinstance(value, ast.Call)
            and not value.args
            and not value.keywords
            and isinstance(value.func, ast.Attribute)
            and value.func.value is call
            and value.func.attr in CONSUMERS
        )

    if isinstance(stmt, ast.Expr) and stmt.value is call:
        return None
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        if consumed(stmt.value):
            return None
    if isinstance(stmt, ast.Return) and consumed(stmt.value):
        return None
    return (
        "the result is used beyond one statement (stored, iterated or returned unconsumed): open "
        "`with engine.connect() as conn:` (reads) or `with engine.begin() as conn:` (writes) around "
        "every use, and consume the result inside the block"
    )


def is_read(stmt: ast.expr, ctx: FileContext) -> bool:
    """Provably a plain read: a `select()` chain, `<table>.select()`, or SQL text starting SELECT."""
    if is_write(stmt, ctx):
        return False
    text = string_value(stmt)
    if text is None and isinstance(stmt, ast.Call) and sa_qual(stmt.func, ctx) == "sqlalchemy.text" and stmt.args:
        text = string_value(stmt.args[0])
    if text is not None:
        words = text.strip().split(None, 1)
        return bool(words) and words[0].lower() == "select"
    root = chain_root(stmt)
    if not isinstance(root, ast.Call):
        return False
    if sa_qual(root.func, ctx) == "sqlalchemy.select":
        return True
    return isinstance(root.func, ast.Attribute) and root.func.attr == "select" and isinstance(
        root.func.value, ast.Name | ast.Attribute
    ) and sa_qual(root.func.value, ctx) is None


def branch_refusal(call: ast.Call, ctx: FileContext) -> str | None:
    """Why `branch = conn.connect()` cannot become `branch = conn` (None when it can)."""
    stmt = enclosing_statement(call, ctx)
    if not (
        isinstance(stmt, ast.Assign)
        and stmt.value is call
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        return "the branch is not simply assigned to a name: use the connection itself by hand"
    name = stmt.targets[0].id
    for node in ast.walk(ctx.tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "close"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            return f"`{name}.close()` would now close the real connection: delete it, then use the connection itself"
        if isinstance(node, ast.withitem) and isinstance(node.context_expr, ast.Name) and node.context_expr.id == name:
            return f"`with {name}:` would now close the real connection: use the connection itself by hand"
    return None


def bound_engine_of(metadata: ast.expr, ctx: FileContext) -> str | None:
    """The engine name a MetaData name is bound to in this file (`MetaData(bind=e)`, `MetaData(e)`,
    `meta.bind = e`), when there is exactly one such binding and the engine is a plain name."""
    if not isinstance(metadata, ast.Name):
        return None
    found: set[str] = set()
    for node in ast.walk(ctx.tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        if isinstance(target, ast.Name) and target.id == metadata.id:
            if isinstance(value, ast.Call) and sa_qual(value.func, ctx) in ("sqlalchemy.MetaData", "sqlalchemy.schema.MetaData"):
                bind = next((k.value for k in value.keywords if k.arg == "bind"), None)
                if bind is None and value.args and not (isinstance(value.args[0], ast.Constant)):
                    bind = value.args[0]
                if isinstance(bind, ast.Name):
                    found.add(bind.id)
                elif bind is not None:
                    return None
            elif value is not None:
                found.add("<rebound>")
        if (
            isinstance(target, ast.Attribute)
            and target.attr == "bind"
            and isinstance(target.value, ast.Name)
            and target.value.id == metadata.id
        ):
            found.add(value.id if isinstance(value, ast.Name) else "<expr>")
    if len(found) != 1:
        return None
    name = found.pop()
    return None if name.startswith("<") else name


def table_metadata_arg(call: ast.Call) -> ast.expr | None:
    return call.args[1] if len(call.args) >= 2 else next((k.value for k in call.keywords if k.arg == "metadata"), None)
