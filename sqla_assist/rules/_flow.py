"""Shapes the session-rescoping and engine-execution rules share.

Several of those rules ask "what happened to this receiver earlier in the same function?"
(was the Session already used before `begin()`? did the Connection commit after a write?).
The answers come from one cheap per-function index, built lazily and kept for the file
being analysed only.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind, own_nodes

SESSION_CTORS = {
    "sqlalchemy.orm.Session": "Session",
    "sqlalchemy.orm.sessionmaker": "sessionmaker",
    "sqlalchemy.orm.scoped_session": "scoped_session",
    "sqlalchemy.ext.asyncio.AsyncSession": "AsyncSession",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "async_sessionmaker",
}
ENGINE_CTORS = frozenset(
    {"sqlalchemy.create_engine", "sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.engine_from_config"}
)
CONN_OR_ENGINE = frozenset({Kind.CONNECTION, Kind.ENGINE})

# Statement constructors: calling `.execute()` on one of these is implicit execution.
STATEMENT_FNS = frozenset(
    {
        "sqlalchemy.select", "sqlalchemy.text", "sqlalchemy.insert", "sqlalchemy.update",
        "sqlalchemy.delete", "sqlalchemy.DDL", "sqlalchemy.Sequence", "sqlalchemy.union",
        "sqlalchemy.union_all", "sqlalchemy.exists", "sqlalchemy.CreateTable", "sqlalchemy.DropTable",
        "sqlalchemy.CreateIndex", "sqlalchemy.DropIndex", "sqlalchemy.schema.DDL",
    }
)
WRITE_FNS = frozenset(
    {
        "sqlalchemy.insert", "sqlalchemy.update", "sqlalchemy.delete", "sqlalchemy.DDL",
        "sqlalchemy.CreateTable", "sqlalchemy.DropTable", "sqlalchemy.CreateIndex", "sqlalchemy.DropIndex",
    }
)
_WRITE_VERBS = (
    "insert", "update", "delete", "create", "drop", "alter", "truncate", "merge", "replace", "grant",
    "revoke", "upsert", "call", "exec",
)
_RESULT_METHODS = frozenset({"execute", "scalar", "first", "fetchone", "fetchall", "all", "one"})
_DML_METHODS = frozenset({"insert", "update", "delete"})


def sa_qual(expr: ast.expr, ctx: FileContext) -> str | None:
    """Canonical SQLAlchemy name of `expr`, or None when it is not an imported SQLAlchemy name."""
    qual = ctx.imports.qualify(expr)
    if qual is None or not qual.startswith("sqlalchemy"):
        return None
    return qual


def session_ctor(call: ast.Call, ctx: FileContext) -> str | None:
    """`Session` / `sessionmaker` / `scoped_session` / async variants when `call` builds one."""
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr not in _CTOR_NAMES:
            return None
    elif not isinstance(func, ast.Name):
        return None
    qual = sa_qual(func, ctx)
    if qual is None:
        return None
    last = qual.rpartition(".")[2]
    return SESSION_CTORS.get(qual) or (last if last in _CTOR_NAMES else None)


_CTOR_NAMES = frozenset(SESSION_CTORS.values())


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return None


def is_const(expr: ast.expr, value: object) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is value


def chain_root(expr: ast.expr) -> ast.expr:
    """`select(t).where(x).limit(1)` → `select(t)`: the innermost call of a generative chain."""
    node = expr
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
    ):
        node = node.func.value
    return node


def statement_root(expr: ast.expr, ctx: FileContext) -> tuple[str, bool] | None:
    """(description, strong) when `expr` builds a SQL construct; None otherwise."""
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in _RESULT_METHODS:
            return None  # `func.now().execute().scalar()`: the outer call is on a result
        node = node.func.value
    root = chain_root(expr)
    if not isinstance(root, ast.Call):
        if isinstance(root, ast.Name) and ctx.fact(root).kind is Kind.SELECT:
            return (root.id, ctx.fact(root).strong)
        return None
    func = root.func
    qual = sa_qual(func, ctx)
    if qual is not None:
        if qual in STATEMENT_FNS:
            return (qual.rpartition(".")[2] + "()", True)
        if qual.startswith("sqlalchemy.func."):
            return ("func." + qual.partition("sqlalchemy.func.")[2] + "()", True)
    if isinstance(func, ast.Attribute) and func.attr in ("select", "insert", "update", "delete") and not root.args:
        owner = ctx.fact(func.value)
        if owner.kind is Kind.TABLE:
            return (f"Table.{func.attr}()", owner.strong)
        if owner.kind is None and isinstance(func.value, ast.Name | ast.Attribute):
            return (f"{ast.unparse(func.value)}.{func.attr}()", False)
    if qual is None and (
        isinstance(func, ast.Name)
        or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))
    ):
        # `self.select_table("trust").execute()`: a helper of this file returns the statement.
        fact = ctx.fact(root)
        if fact.kind is Kind.SELECT:
            return (ast.unparse(func) + "()", fact.strong)
    return None


def string_value(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


# Methods that refine a statement without changing what kind of statement it is.
_GENERATIVE = frozenset({"where", "values", "returning", "filter", "ordered_values", "execution_options", "params", "prefix_with", "with_dialect_options", "on_conflict_do_nothing", "on_conflict_do_update", "on_duplicate_key_update", "inline", "from_select", "return_defaults"})


def is_write(stmt: ast.expr, ctx: FileContext, _seen: frozenset[str] = frozenset()) -> bool:
    """Does executing `stmt` change data or schema (INSERT/UPDATE/DELETE, DDL, write-verb text)?
    A variable is followed to what this function assigns it (`q = t.update(); conn.execute(q)`)."""
    if isinstance(stmt, ast.Name):
        if stmt.id in _seen or not hasattr(ctx, "scope"):  # fixers' fact adapters know no scopes
            return False
        seen = _seen | {stmt.id}
        return any(is_write(v, ctx, seen) for v in scope_index(ctx).assigned_all.get(stmt.id, ()))
    text = string_value(stmt)
    if text is None and isinstance(stmt, ast.Call) and sa_qual(stmt.func, ctx) == "sqlalchemy.text" and stmt.args:
        text = string_value(stmt.args[0])
    if text is not None:
        words = text.strip().split(None, 1)
        return bool(words) and words[0].lower().strip("(") in _WRITE_VERBS
    root = chain_root(stmt)
    if (
        isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute)
        and isinstance(root.func.value, ast.Name) and root.func.attr in _GENERATIVE
    ):
        return is_write(root.func.value, ctx, _seen)  # `q = q.where(...)`: what `q` was
    if not isinstance(root, ast.Call):
        return False
    qual = sa_qual(root.func, ctx)
    if qual in WRITE_FNS:
        return True
    func = root.func
    inference = getattr(ctx, "inference", None)  # fixers' fact adapters have none
    if isinstance(func, ast.Name) and inference is not None and func.id in inference.classes and _dml_class(func.id, ctx):
        return True  # masakari's `DeleteFromSelect(table, query, column)`, an `UpdateBase`
    if isinstance(func, ast.Attribute) and func.attr in _DML_METHODS and not root.args:
        owner = ctx.fact(func.value)
        return owner.kind in (Kind.TABLE, None) and isinstance(func.value, ast.Name | ast.Attribute)
    return False


def key(expr: ast.expr) -> str:
    return ast.unparse(expr)


@dataclass
class FunctionIndex:
    """Method calls per receiver text, and names bound by `with`, in one function body."""

    calls: dict[str, list[ast.Call]] = field(default_factory=dict)
    with_sources: dict[str, ast.expr] = field(default_factory=dict)
    assigned: dict[str, ast.expr] = field(default_factory=dict)
    # Every value assigned to a name, in no particular order (`q = select(...)` then
    # `q = t.delete().where(t.c.id.in_(q))`).
    assigned_all: dict[str, list[ast.expr]] = field(default_factory=dict)
    with_bodies: dict[str, list[ast.stmt]] = field(default_factory=dict)
    params: frozenset[str] = frozenset()


_DML_BASES = ("UpdateBase", "ValuesBase", "Insert", "Update", "Delete", "DDLElement", "ExecutableDDLElement", "DDL")


def _dml_class(name: str, ctx: FileContext) -> bool:
    """Is `name` a class of this file that subclasses one of SQLAlchemy's DML/DDL constructs?"""
    cls = ctx.inference.classes[name][0]
    for base in cls.bases:
        qual = sa_qual(base, ctx)
        if qual is not None and qual.rpartition(".")[2] in _DML_BASES:
            return True
    return False


DDL_METHODS = frozenset({"create_all", "drop_all", "create", "drop"})


def ddl_bind(call: ast.Call, methods: frozenset[str] = DDL_METHODS) -> ast.expr | None:
    """The connection DDL runs on: `metadata.create_all(conn)`, `table.create(bind=conn)`."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in methods:
        return None
    return next((k.value for k in call.keywords if k.arg == "bind"), call.args[0] if call.args else None)


def self_attr(expr: ast.expr | None) -> str | None:
    """`self.conn` → `conn`."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr
    return None


def span(start: ast.AST, end: ast.AST) -> ast.AST:
    """A node standing for the source from `start` to `end` (a finding over several statements)."""
    node = ast.Pass()
    node.lineno, node.col_offset = start.lineno, start.col_offset  # type: ignore[attr-defined]
    node.end_lineno, node.end_col_offset = end.end_lineno, end.end_col_offset  # type: ignore[attr-defined]
    return node


def file_memo(ctx: FileContext, name: str) -> dict[str, object]:
    """A per-file scratch dict named `name`, kept in the file's analysis context."""
    memo = ctx.memo.setdefault(("file_memo", name), {})
    assert isinstance(memo, dict)
    return memo


_COMPREHENSION_SCOPES = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def function_index(ctx: FileContext) -> FunctionIndex | None:
    """The index of the function being visited (from inside a comprehension too: it reads the
    function's names), or None at module/class level."""
    scope = ctx.scope
    while isinstance(scope.node, _COMPREHENSION_SCOPES) and scope.parent is not None:
        scope = scope.parent
    node = scope.node
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    memo = file_memo(ctx, "function_index")
    found = memo.get(str(id(node)))
    if isinstance(found, FunctionIndex):
        return found
    idx = FunctionIndex()
    args = node.args
    idx.params = frozenset(a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs])
    for sub in own_nodes(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            idx.calls.setdefault(key(sub.func.value), []).append(sub)
        elif isinstance(sub, ast.With | ast.AsyncWith):
            for item in sub.items:
                if isinstance(item.optional_vars, ast.Name):
                    idx.with_sources[item.optional_vars.id] = item.context_expr
                    idx.with_bodies[item.optional_vars.id] = sub.body
        elif isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            idx.assigned.setdefault(sub.targets[0].id, sub.value)
            idx.assigned_all.setdefault(sub.targets[0].id, []).append(sub.value)
    for calls in idx.calls.values():
        calls.sort(key=lambda c: (c.lineno, c.col_offset))
    memo[str(id(node))] = idx
    return idx


def before(node: ast.AST, other: ast.AST) -> bool:
    return (getattr(other, "lineno", 0), getattr(other, "col_offset", 0)) < (
        getattr(node, "lineno", 0),
        getattr(node, "col_offset", 0),
    )


def module_index(ctx: FileContext) -> FunctionIndex:
    """Module-level scripts: `with engine.connect() as conn:` at top level."""
    memo = file_memo(ctx, "module_index")
    cached = memo.get("module_index")
    if isinstance(cached, FunctionIndex):
        return cached
    idx = FunctionIndex()
    memo["module_index"] = idx
    stack: list[ast.AST] = list(ctx.tree.body)
    while stack:
        sub = stack.pop()
        if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            idx.calls.setdefault(key(sub.func.value), []).append(sub)
        elif isinstance(sub, ast.With | ast.AsyncWith):
            for item in sub.items:
                if isinstance(item.optional_vars, ast.Name):
                    idx.with_sources[item.optional_vars.id] = item.context_expr
        elif isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            idx.assigned.setdefault(sub.targets[0].id, sub.value)
            idx.assigned_all.setdefault(sub.targets[0].id, []).append(sub.value)
        stack.extend(ast.iter_child_nodes(sub))
    for calls in idx.calls.values():
        calls.sort(key=lambda c: (c.lineno, c.col_offset))
    return idx


def first_assignment(name: str, node: ast.AST, ctx: FileContext) -> ast.expr | None:
    """The first value this function (or the module's script code) assigns to `name` before
    `node`'s line: where a statement held in a name was built."""
    earlier = [v for v in scope_index(ctx).assigned_all.get(name, ()) if v.lineno <= getattr(node, "lineno", 0)]
    return min(earlier, key=lambda v: (v.lineno, v.col_offset)) if earlier else None


def scope_index(ctx: FileContext) -> FunctionIndex:
    """The current function's index, or the module's for top-level script code."""
    idx = function_index(ctx)
    return idx if idx is not None else module_index(ctx)
