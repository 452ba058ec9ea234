"""Shape checks shared by the SQ503 / SQ612 detectors and their fixers (stdlib `ast` only).

A detector offers a fix only for the shapes its fixer takes; both call these helpers, so the
two cannot disagree. No libcst here: detectors run in every scan worker.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.rules._rows import home_of, own_walk

# -- parents -----------------------------------------------------------------------------------


def parent_map(tree: ast.AST) -> dict[int, ast.AST]:
    """id(child) → parent for every node under `tree`."""
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def parents(ctx: FileContext) -> dict[int, ast.AST]:
    """The file's parent map, built once per file and only when a rule asks for it."""
    key = ("fixers_b", "parents")
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = parent_map(ctx.tree)
    assert isinstance(found, dict)
    return found


def enclosing_function(node: ast.AST, ctx: FileContext) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function around `node`; None at module level."""
    up = parents(ctx)
    current = up.get(id(node))
    while current is not None and not isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef):
        current = up.get(id(current))
    return current


# -- SQ612 -------------------------------------------------------------------------------------
SELECT_C_KEYS = "keys"
SELECT_C_MANUAL = (
    "on 1.x `.c` is the columns of one implicit anonymous subquery of this Select: in an "
    "expression it adds that subquery as a FROM (in the select's own WHERE, a cartesian "
    "product), which `.selected_columns` would not. Write `sq = stmt.subquery()` once and use "
    "`sq.c`, or `.selected_columns` if the select's own columns were meant (the SQL changes)"
)


def only_keys(collection: ast.expr, parent_of: dict[int, ast.AST]) -> bool:
    """Is `stmt.c` used only as `stmt.c.keys()`? Its keys equal `selected_columns.keys()`."""
    attr = parent_of.get(id(collection))
    if not (isinstance(attr, ast.Attribute) and attr.value is collection and attr.attr == SELECT_C_KEYS):
        return False
    call = parent_of.get(id(attr))
    return isinstance(call, ast.Call) and call.func is attr and not call.args and not call.keywords


# -- SQ503 -------------------------------------------------------------------------------------
_ROW_TERMINALS = frozenset({"first", "one", "one_or_none", "fetchone", "fetchall", "fetchmany", "all"})
CORE_ROWS = "core"
ORM_ROWS = (
    "the row comes from a Session or Query: ORM rows already tested values with `in` on 1.4, "
    "so nothing changes on 2.x; check what the test was meant to do"
)
UNKNOWN_ROWS = (
    "cannot tell where the row comes from: rows of Core execution tested keys on 1.x "
    "(use `key in row._mapping`), ORM rows tested values"
)
FUTURE_ROWS = (
    "this file creates a `future=True` engine: its rows already tested values on 1.4; "
    "check which the test meant"
)


def _execute_receiver(expr: ast.expr, home: ast.AST, depth: int = 0) -> ast.expr | None:
    """`recv` of `recv.execute(...)`, reached through `.first()`/`.fetchall()`/... and through
    names bound exactly once in `home` (`result = conn.execute(...)`); None otherwise."""
    node = expr
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "iter" and node.args:
        node = node.args[0]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ROW_TERMINALS:
        node = node.func.value
    if isinstance(node, ast.Name) and depth < 2:
        values = _bindings(node.id, home)
        return _execute_receiver(values[0], home, depth + 1) if len(values) == 1 else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "execute" and node.args:
        return node.func.value
    return None


def _bindings(name: str, home: ast.AST) -> list[ast.expr]:
    """What `name` is bound from in `home` (loop iterables as `iter(...)` wrappers), or a marker."""
    found: list[ast.expr] = []
    for node in own_walk(home):
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            if isinstance(node.target, ast.Name) and node.target.id == name:
                found.append(ast.Call(func=ast.Name("iter"), args=[node.iter], keywords=[]))
            elif any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.target)):
                found.append(ast.Constant(None))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append(node.value)
                elif any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
                    found.append(ast.Constant(None))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
            target = node.target
            if isinstance(target, ast.Name) and target.id == name:
                found.append(ast.Constant(None))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.optional_vars)):
                found.append(ast.Constant(None))
        elif isinstance(node, ast.arg) and node.arg == name:
            found.append(ast.Constant(None))
    return found


def row_origin(row: ast.expr, ctx: FileContext) -> str:
    """CORE_ROWS when `row` is certainly a row of Core (non-ORM) execution, else why not."""
    if not isinstance(row, ast.Name):
        return UNKNOWN_ROWS
    home = home_of(ctx)
    values = _bindings(row.id, home)
    if len(values) != 1:
        return UNKNOWN_ROWS
    value = values[0]
    recv = _execute_receiver(value, home)
    if recv is None:
        return UNKNOWN_ROWS
    fact = ctx.fact(recv)
    if fact.kind in (Kind.SESSION, Kind.SCOPED_SESSION):
        return ORM_ROWS
    if fact.kind not in (Kind.CONNECTION, Kind.ENGINE) or not fact.strong:
        return UNKNOWN_ROWS
    if _creates_future_engine(ctx):
        return FUTURE_ROWS
    return CORE_ROWS


_FUTURE_NAMES = frozenset({"Connection", "Engine", "create_engine"})


def _creates_future_engine(ctx: FileContext) -> bool:
    key = ("fixers_b", "future")
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = any(
            isinstance(n, ast.keyword) and n.arg == "future" for n in ctx.walk(ctx.tree)
        ) or any(q.startswith("sqlalchemy.future.") and q.rpartition(".")[2] in _FUTURE_NAMES
                 for q in ctx.imports.names.values())
    return bool(found)


# -- SQ712 -------------------------------------------------------------------------------------
JOIN_TABLE_OK = ""
_ROOTS = ("query", "select")


def _relationship_target(owner: str, attr: str, ctx: FileContext) -> str | None:
    """The class name `owner.attr = relationship("Target" | Target, ...)` points at, for a model
    class declared in this file; None when the attribute is not declared that way here."""
    for cls in ctx.tree.body:
        if not (isinstance(cls, ast.ClassDef) and cls.name == owner):
            continue
        if ctx.inference.fact(ast.Name(cls.name, ast.Load()), ctx.module_scope).kind is not Kind.MODEL:
            return None
        for stmt in cls.body:
            value: ast.expr | None = None
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                value = stmt.value if stmt.targets[0].id == attr else None
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
                value = stmt.value
            if not (isinstance(value, ast.Call) and value.args):
                continue
            if ctx.imports.qualify(value.func) not in ("sqlalchemy.orm.relationship", "sqlalchemy.orm.relation"):
                return None
            first = value.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value
            return first.id if isinstance(first, ast.Name) else None
    return None


def join_table_blocker(call: ast.Call, ctx: FileContext) -> str:
    """Why `q.join(Target.__table__, Owner.rel)` cannot become `q.join(Owner.rel)` ("" if it can).

    Exact when the relationship is declared here and points at `Target`, and the join's left
    side is the only entity: then the ORM's implicit alias of the table adapts away and the SQL
    is the relationship join's own. A second appearance of `Target` keeps a real alias.
    """
    assert isinstance(call.func, ast.Attribute)
    if len(call.args) != 2 or call.keywords:
        return "`join()` with more arguments than a table and a relationship: rewrite by hand"
    target, rel = call.args
    if not (isinstance(target, ast.Attribute) and target.attr == "__table__" and isinstance(target.value, ast.Name)):
        return "the target is a Table alias or a Table variable: make it `aliased(Model)` and change every `.c.x` use by hand"
    model = target.value.id
    if not (isinstance(rel, ast.Attribute) and isinstance(rel.value, ast.Name)):
        return "the relationship is not `Model.attr`: rewrite by hand"
    owner = rel.value.id
    if _relationship_target(owner, rel.attr, ctx) != model:
        return f"cannot confirm here that `{owner}.{rel.attr}` is a relationship to `{model}`: rewrite by hand"
    if owner == model:
        return "a self-referential join needs an explicit `aliased()`: rewrite by hand"
    # The chain left of the join: a single-entity `query(Owner)` / `select(Owner)`, no other `model`.
    node: ast.expr = call.func.value
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr not in _ROOTS:
            if any(isinstance(n, ast.Name) and n.id == model for n in ast.walk(node)):
                return f"`{model}` already appears in the query: the implicit alias is real there; use `aliased({model})`"
            node = node.func.value
            continue
        break
    root_ok = (
        isinstance(node, ast.Call)
        and (ctx.imports.qualify(node.func) == "sqlalchemy.select"
             or (isinstance(node.func, ast.Attribute) and node.func.attr == "query"))
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == owner
    )
    if not root_ok:
        return f"the query is not built here from `{owner}` alone: rewrite by hand"
    return JOIN_TABLE_OK


# -- SQ625 -------------------------------------------------------------------------------------
DISTINCT_ON_NOT_PG = (
    "nothing in this file says the project runs on PostgreSQL: other backends ignored the columns "
    "(plain DISTINCT), and `distinct_on()` would not compile there; drop the columns or use "
    "`.ext(postgresql.distinct_on(...))` by hand (2.1+)"
)
DISTINCT_ON_QUERY = (
    "`Query.distinct(*cols)`: Query's own DISTINCT handling (ORDER BY columns added to the SELECT) "
    "is not proven to match `.ext(distinct_on(...))`; rewrite by hand on 2.1"
)
_PG_URL = ("postgresql:", "postgresql+", "postgres:")


def postgres_file(ctx: FileContext) -> bool:
    """Does the file itself say it targets PostgreSQL (the dialect's names, or a PostgreSQL URL)?"""
    key = ("fixers_b", "postgres")
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = any(
            q == "sqlalchemy.dialects.postgresql" or q.startswith("sqlalchemy.dialects.postgresql.")
            for q in ctx.imports.names.values()
        ) or any(
            isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith(_PG_URL)
            for n in ctx.walk(ctx.tree)
        )
    return bool(found)


# -- SQ624 -------------------------------------------------------------------------------------
_INT_TYPES = frozenset({"Integer", "SmallInteger", "BigInteger", "INTEGER", "SMALLINT", "BIGINT", "INT"})
_COLUMN_FUNCS = ("sqlalchemy.Column", "sqlalchemy.orm.mapped_column")
# Backends whose 1.x `/` between integers was integer division, rendered exactly like 2.x `//`.
_INT_DIV_MARKS = ("sqlite", "postgres", "mssql")
_TRUE_DIV_MARKS = ("mysql", "mariadb", "oracle")
DIVISION_BACKEND = (
    "both operands are integer columns, but nothing in this file names the backend: 1.x `/` was "
    "integer division on PostgreSQL, SQLite and SQL Server (there `//` keeps it) and true division "
    "on MySQL and Oracle (there keep `/`)"
)


def _int_type(expr: ast.expr, ctx: FileContext) -> bool:
    target = expr.func if isinstance(expr, ast.Call) else expr
    qual = ctx.imports.qualify(target) or ""
    return qual.startswith("sqlalchemy.") and qual.rpartition(".")[2] in _INT_TYPES


def _column_is_int(call: ast.expr, ctx: FileContext, name: str | None) -> bool:
    """`Column("name", Integer, ...)` (or, for `name=None`, `Column(Integer, ...)` in a class body)."""
    if not (isinstance(call, ast.Call) and ctx.imports.qualify(call.func) in _COLUMN_FUNCS and call.args):
        return False
    args = list(call.args)
    if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
        if name is not None and args[0].value != name:
            return False
        args = args[1:]
    elif name is not None:
        return False
    return bool(args) and _int_type(args[0], ctx)


def integer_operand(expr: ast.expr, ctx: FileContext) -> bool:
    """An int literal, or a column this file declares with an integer type."""
    if isinstance(expr, ast.Constant):
        return type(expr.value) is int
    if not isinstance(expr, ast.Attribute) or not isinstance(expr.value, ast.Name | ast.Attribute):
        return False
    owner = expr.value
    if isinstance(owner, ast.Attribute) and owner.attr in ("c", "columns") and isinstance(owner.value, ast.Name):
        table = owner.value.id
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign) and [t.id for t in stmt.targets if isinstance(t, ast.Name)] == [table]:
                value = stmt.value
                if isinstance(value, ast.Call) and ctx.imports.qualify(value.func) == "sqlalchemy.Table":
                    return any(_column_is_int(a, ctx, expr.attr) for a in value.args)
        return False
    if isinstance(owner, ast.Name):
        for cls in ctx.tree.body:
            if isinstance(cls, ast.ClassDef) and cls.name == owner.id:
                if ctx.inference.fact(ast.Name(cls.name, ast.Load()), ctx.module_scope).kind is not Kind.MODEL:
                    return False
                for stmt in cls.body:
                    if isinstance(stmt, ast.Assign) and [t.id for t in stmt.targets if isinstance(t, ast.Name)] == [expr.attr]:
                        return _column_is_int(stmt.value, ctx, None) or _column_is_int(stmt.value, ctx, expr.attr)
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == expr.attr:
                        return stmt.value is not None and (
                            _column_is_int(stmt.value, ctx, None) or _column_is_int(stmt.value, ctx, expr.attr)
                        )
                return False
    return False


def integer_division_backend(ctx: FileContext) -> bool:
    """Does the file name only backends where 1.x integer `/` rendered like 2.x `//`?"""
    key = ("fixers_b", "int_div")
    found = ctx.memo.get(key)
    if found is None:
        words = [q for q in ctx.imports.names.values() if q.startswith("sqlalchemy.dialects.")]
        words += [
            n.value.partition(":")[0].lower()
            for n in ctx.walk(ctx.tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and "://" in n.value
        ]
        hits = {m for w in words for m in (*_INT_DIV_MARKS, *_TRUE_DIV_MARKS) if m in w}
        found = ctx.memo[key] = bool(hits) and not (hits & set(_TRUE_DIV_MARKS))
    return bool(found)


# -- SQ506 -------------------------------------------------------------------------------------
ENTITY_ROWS_OTHER_USE = (
    "the rows are also used other than by entity attributes (passed on, indexed, unpacked, tested): "
    "`.scalars()` would change what those uses see; rewrite by hand"
)


def only_entity_attributes(name: str, nodes: list[ast.AST], row_attrs: frozenset[str], entity: str) -> bool:
    """Is every use of `name` in `nodes` `name.attr` for an attribute a Row does not have, or `name is None`?

    Then every use of the row raised AttributeError already, and `.scalars()` only makes them work.
    """
    allowed: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            if node.attr in row_attrs or node.attr == entity or not isinstance(node.ctx, ast.Load):
                return False
            allowed.add(id(node.value))
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == name:
            if all(isinstance(op, ast.Is | ast.IsNot) for op in node.ops) and all(
                isinstance(c, ast.Constant) and c.value is None for c in node.comparators
            ):
                allowed.add(id(node.left))
    return all(
        id(n) in allowed
        for n in nodes
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    )
