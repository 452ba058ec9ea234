"""ast-level shape checks shared by the SQ4xx detectors and their fixers (no libcst here).

A detector offers a fix (SAFE) exactly where the fixer will take it; both ask these functions,
so the finding's fix class and the fixer's refusals agree.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence
from sqla_assist.rules._fixers_b_shapes import enclosing_function
from sqla_assist.rules._flow import chain_root, file_memo, is_write, sa_qual, string_value

# Result methods that consume everything the statement returns before the `with` block ends.
CONSUMERS = frozenset(
    {"fetchall", "all", "scalar", "first", "one", "one_or_none", "scalar_one", "scalar_one_or_none"}
)


def enclosing_statement(node: ast.AST, ctx: FileContext) -> ast.stmt | None:
    """The statement whose own expressions (not nested bodies) contain `node`."""
    memo = file_memo(ctx, "engine-shapes")
    cached = memo.get("engine-shapes:enclosing")
    table: dict[int, ast.stmt] = cached if isinstance(cached, dict) else {}
    if not isinstance(cached, dict):
        for stmt in ast.walk(ctx.tree):
            if not isinstance(stmt, ast.stmt):
                continue
            for _field, value in ast.iter_fields(stmt):
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if isinstance(item, ast.expr | ast.withitem | ast.keyword | ast.arguments):
                        for inner in ast.walk(item):
                            table[id(inner)] = stmt
        memo["engine-shapes:enclosing"] = table
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
    if isinstance(stmt, ast.Name):
        fact = ctx.fact(stmt)
        return fact.kind is Kind.SELECT and fact.evidence is Evidence.STRONG
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


_SCHEMA_OPS = ("create_all", "drop_all", "reflect")


def _table_metadata(name: str, ctx: FileContext) -> ast.expr | None:
    """The metadata argument of `name = Table("t", metadata, ...)` in this file."""
    for node in ast.walk(ctx.tree):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
            and isinstance(node.value, ast.Call)
            and sa_qual(node.value.func, ctx) in ("sqlalchemy.Table", "sqlalchemy.schema.Table")
        ):
            return table_metadata_arg(node.value)
    return None


def schema_op_engine(call: ast.Call, ctx: FileContext) -> str | None:
    """The engine `metadata.create_all()` / `table.create()` used through bound metadata, when the
    binding is in this file (`metadata = MetaData(bind=engine)` and the like)."""
    func = call.func
    if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name):
        return None
    if func.attr in _SCHEMA_OPS:
        return bound_engine_of(func.value, ctx)
    metadata = _table_metadata(func.value.id, ctx)
    return bound_engine_of(metadata, ctx) if metadata is not None else None


def unbind_refusal(metadata: str, ctx: FileContext) -> str | None:
    """Why dropping the binding of `metadata` (a module or function name) would break code in this
    file: a use that still needs the bound engine. None when nothing here relies on it."""
    tables = {
        n.targets[0].id
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Assign)
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and isinstance(n.value, ast.Call)
        and isinstance(table_metadata_arg(n.value), ast.Name)
        and table_metadata_arg(n.value).id == metadata  # type: ignore[union-attr]
    }
    for node in ast.walk(ctx.tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = func.value.id
            if owner == metadata and func.attr in _SCHEMA_OPS and not node.args and not any(k.arg == "bind" for k in node.keywords):
                return f"`{metadata}.{func.attr}()` still relies on the binding: pass the engine first (SQ411)"
            if owner in tables and func.attr in ("create", "drop") and not node.args and not node.keywords:
                return f"`{owner}.{func.attr}()` still relies on the binding: pass the engine first (SQ411)"
        if isinstance(func, ast.Attribute) and func.attr in ("execute", "scalar"):
            if not isinstance(func.value, ast.Name) or func.value.id in tables:
                root = chain_root(func.value)
                if isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and isinstance(root.func.value, ast.Name) and root.func.value.id in tables:
                    return "a statement on one of its tables is executed implicitly (SQ403): execute it on a Connection first"
        if sa_qual(node.func, ctx) in ("sqlalchemy.Table", "sqlalchemy.schema.Table"):
            meta = table_metadata_arg(node)
            if isinstance(meta, ast.Name) and meta.id == metadata:
                keys = {k.arg for k in node.keywords}
                if "autoload" in keys and "autoload_with" not in keys:
                    return "a Table still autoloads through the binding: pass `autoload_with=` first (SQ412)"
        if sa_qual(node.func, ctx) in ("sqlalchemy.orm.Session", "sqlalchemy.orm.sessionmaker"):
            if not node.args and not any(k.arg in ("bind", "binds") for k in node.keywords):
                return "a Session / sessionmaker without a bind may rely on the bound metadata (SQ209)"
    return None


def metadata_unbind_refusal(call: ast.Call, ctx: FileContext) -> str | None:
    """For `name = MetaData(bind=engine)` / `MetaData(engine)`: why the binding cannot simply go."""
    stmt = enclosing_statement(call, ctx)
    if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return "the MetaData is not assigned to a plain name, so its uses cannot be checked"
    bind = next((k.value for k in call.keywords if k.arg == "bind"), None)
    if bind is None and call.args:
        bind = call.args[0]
    if not isinstance(bind, ast.Name):
        return "the engine is not a plain name"
    engines = {
        t.id
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and sa_qual(n.value.func, ctx) in ("sqlalchemy.create_engine", "sqlalchemy.engine_from_config")
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    if engines != {bind.id}:
        return "the file does not create exactly this one engine, so which engine each use needs is not provable"
    return unbind_refusal(stmt.targets[0].id, ctx)


def construct_bind_refusal(call: ast.Call, ctx: FileContext) -> str | None:
    """Why `bind=` cannot simply be dropped from `text(..., bind=e)` and the like: the construct
    is executed implicitly (or its `.bind` read), which needed the binding. None when it can."""
    stmt = enclosing_statement(call, ctx)
    if isinstance(stmt, ast.Assign) and stmt.value is call:
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            return "the construct is not assigned to a plain name, so its uses cannot be checked"
        name = stmt.targets[0].id
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "scalar", "bind"):
                if isinstance(chain_root(node.value), ast.Name) and chain_root(node.value).id == name:  # type: ignore[attr-defined]
                    return f"`{name}` is executed implicitly or its `.bind` is read: execute it on a Connection first (SQ403)"
        return None
    parent = _parent_call(call, ctx)
    if parent is not None and isinstance(parent.func, ast.Attribute) and parent.func.attr in ("execute", "scalar", "scalars"):
        if parent.args and parent.args[0] is call:
            return None  # executed explicitly right here: the binding was never used
    return "the construct is used in a way that may execute it implicitly: drop `bind=` by hand"


def _parent_call(node: ast.AST, ctx: FileContext) -> ast.Call | None:
    for candidate in ast.walk(ctx.tree):
        if isinstance(candidate, ast.Call) and any(a is node for a in candidate.args):
            return candidate
    return None


# Reading these shows a pinned driver (SQ424): the one observable difference of the pin.
_URL_READERS = ("drivername", "render_as_string", "__to_string__", "str(url", "str(engine.url", ".url)")


def reads_url_text(text: str) -> bool:
    return any(word in text for word in _URL_READERS)


def bind_in_scope(call: ast.Call, ctx: FileContext) -> str | None:
    """A guess at the bind for `table.create()` & co. when bound metadata is not provable: the one
    Session or Connection the enclosing function already works with (`session.get_bind()`, the
    connection itself). Only a guess — the metadata may have been bound to another engine — so
    the fix it makes is unsafe."""
    func = enclosing_function(call, ctx)
    if func is None:
        return None
    found: dict[str, str] = {}
    params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
    for node in ast.walk(func):
        if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
            continue
        name = node.value.id
        if name in found or (name not in params and not _assigned_in(name, func, call)):
            continue
        fact = ctx.fact(node.value)
        if fact.evidence is not Evidence.STRONG:
            continue
        if fact.kind is Kind.SESSION:
            found[name] = f"{name}.get_bind()"
        elif fact.kind is Kind.CONNECTION:
            found[name] = name
    if not found:
        # `inspect(db.bind)` beside `db.execute(...)`: the function already takes `db.bind` for the bind
        executes = {
            n.func.value.id
            for n in ast.walk(func)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("execute", "query", "scalars", "scalar")
            and isinstance(n.func.value, ast.Name)
        }
        for node in ast.walk(func):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "bind"
                and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
                and node.value.id in executes
                and (node.value.id in params or _assigned_in(node.value.id, func, call))
            ):
                found.setdefault(node.value.id, f"{node.value.id}.bind")
    return next(iter(found.values())) if len(found) == 1 else None


def _assigned_in(name: str, func: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.AST) -> bool:
    """`name` holds its value where `call` runs: assigned earlier in the function, or the target
    of a `with` around the call (a target of a later `with` does not exist yet)."""
    line = getattr(call, "lineno", 0)
    for node in ast.walk(func):
        if isinstance(node, ast.With | ast.AsyncWith):
            if any(isinstance(i.optional_vars, ast.Name) and i.optional_vars.id == name for i in node.items):
                if node.body[0].lineno <= line <= (node.end_lineno or 0):
                    return True
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.lineno < line:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False
