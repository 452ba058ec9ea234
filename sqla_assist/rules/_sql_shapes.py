"""Evidence for Core shapes: is this expression a Table (FROM clause), a Select, a column?

The core-constructs and loading rules mostly match method names that other libraries also
use (`.select()`, `.c`, `.join()`, `/`), so each needs to know what the receiver or operand is.
Every helper answers with a `Shape` (how sure, and what the gathering pass should check when
the value comes from another module) or None when nothing says it is SQLAlchemy.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Collection
from dataclasses import dataclass

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SELECT_GENERATIVE, Kind, Scope, sub_blocks
from sqla_assist.core.findings import Evidence
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.rules._helpers import query_chain

_CAMEL = CLASS_NAME
_CONSTANT = re.compile(r"^_*[A-Z][A-Z0-9_]*$")

FROM_FUNCS = (
    "sqlalchemy.Table",
    "sqlalchemy.table",
    "sqlalchemy.join",
    "sqlalchemy.outerjoin",
    "sqlalchemy.alias",
    "sqlalchemy.orm.join",
    "sqlalchemy.orm.outerjoin",
)
SELECT_FUNCS = (
    "sqlalchemy.select",
    "sqlalchemy.union",
    "sqlalchemy.union_all",
    "sqlalchemy.intersect",
    "sqlalchemy.intersect_all",
    "sqlalchemy.except_",
    "sqlalchemy.except_all",
)
# Functions that build SQL expressions (column-like values).
EXPR_FUNCS = (
    "sqlalchemy.cast",
    "sqlalchemy.literal_column",
    "sqlalchemy.column",
    "sqlalchemy.literal",
    "sqlalchemy.type_coerce",
    "sqlalchemy.case",
    "sqlalchemy.extract",
    "sqlalchemy.coalesce",
    "sqlalchemy.bindparam",
    "sqlalchemy.and_",
    "sqlalchemy.or_",
    "sqlalchemy.not_",
)
DML_FUNCS = (
    "sqlalchemy.insert",
    "sqlalchemy.update",
    "sqlalchemy.delete",
    "sqlalchemy.dialects.postgresql.insert",
    "sqlalchemy.dialects.mysql.insert",
    "sqlalchemy.dialects.sqlite.insert",
)


@dataclass(frozen=True, slots=True)
class Shape:
    """How sure we are that an expression has the shape a rule needs."""

    evidence: Evidence
    via: str = ""

    @property
    def strong(self) -> bool:
        return self.evidence is Evidence.STRONG


STRONG = Shape(Evidence.STRONG)
WEAK = Shape(Evidence.WEAK)


def _via(kinds: str, origin: str) -> Shape:
    return Shape(Evidence.WEAK, f"{kinds}@{origin}")


def weakest(*shapes: Shape) -> Shape:
    for s in shapes:
        if not s.strong:
            return s
    return STRONG


def sa_name(expr: ast.expr, ctx: FileContext, names: Collection[str]) -> str | None:
    """The last part of `expr` if it names one of `names` from SQLAlchemy (alias- and star-proof).

    Needed for removed names (`eagerload`, `MapperOption`) that canonical star resolution does
    not know about.
    """
    qual = ctx.qualify(expr)
    if qual is not None:
        last = qual.rpartition(".")[2]
        return last if qual.startswith("sqlalchemy") and last in names else None
    if isinstance(expr, ast.Name) and expr.id in names:
        if any(m == "sqlalchemy" or m.startswith("sqlalchemy.") for m in ctx.imports.star_modules):
            return expr.id
    return None


def model_class(expr: ast.expr, ctx: FileContext) -> Shape | None:
    """A mapped class: declared in this file on a declarative base, or imported from the project."""
    if isinstance(expr, ast.Name):
        fact = ctx.fact(expr)
        if fact.kind is Kind.MODEL:
            return STRONG if fact.evidence is Evidence.STRONG else WEAK
        if fact.kind is None and fact.via and _CAMEL.match(expr.id):
            return _via("model", fact.via)
        return None
    if isinstance(expr, ast.Attribute) and _CAMEL.match(expr.attr):
        qual = ctx.qualify(expr)
        if qual is not None and not qual.startswith("sqlalchemy"):
            return _via("model", qual)
    return None


def table_like(expr: ast.expr, ctx: FileContext) -> Shape | None:
    """A FROM clause: a Table, `Model.__table__`, an alias or a join of those."""
    if isinstance(expr, ast.Name):
        fact = ctx.fact(expr)
        if fact.kind is Kind.TABLE:
            return STRONG if fact.evidence is Evidence.STRONG else WEAK
        if fact.kind is None and fact.via and not _CAMEL.match(expr.id):
            return _via("table", fact.via)
        return None
    if isinstance(expr, ast.Attribute):
        if expr.attr == "__table__":
            owner = model_class(expr.value, ctx)
            if owner is not None:
                return owner if owner.strong else WEAK
            if isinstance(expr.value, ast.Name | ast.Attribute):
                return WEAK
            return None
        if expr.attr in ("table", "local_table", "persist_selectable") and isinstance(expr.value, ast.Call):
            if ctx.is_sa(expr.value.func, "sqlalchemy.inspect"):
                return STRONG
        qual = ctx.qualify(expr)
        if qual is not None and not qual.startswith("sqlalchemy") and "." in qual:
            return _via("table", qual)
        known = ctx.fact(expr)  # `self.t_jobs = metadata.tables["jobs"]`
        if known.kind is Kind.TABLE:
            return STRONG if known.evidence is Evidence.STRONG else WEAK
        return None
    if isinstance(expr, ast.Subscript):
        # metadata.tables["users"]
        v = expr.value
        if isinstance(v, ast.Attribute) and v.attr == "tables":
            fact = ctx.fact(v.value)
            if fact.kind is Kind.METADATA:
                return STRONG
            if fact.kind is None:
                return WEAK
        return None
    if isinstance(expr, ast.Call):
        func = expr.func
        if ctx.is_sa(func, *FROM_FUNCS):
            return STRONG
        if isinstance(func, ast.Attribute) and func.attr in ("alias", "join", "outerjoin", "lateral", "tablesample"):
            return table_like(func.value, ctx)
    return None


def join_like(expr: ast.expr, ctx: FileContext) -> Shape | None:
    """A Join: `a.join(b)`, `join(a, b)`, `outerjoin(...)` on FROM clauses."""
    if isinstance(expr, ast.Call):
        func = expr.func
        if ctx.is_sa(func, "sqlalchemy.join", "sqlalchemy.outerjoin", "sqlalchemy.orm.join", "sqlalchemy.orm.outerjoin"):
            return STRONG
        if isinstance(func, ast.Attribute) and func.attr in ("join", "outerjoin"):
            return table_like(func.value, ctx)
        return None
    if isinstance(expr, ast.Name):
        value = assigned_value(expr.id, ctx)
        if value is not None and isinstance(value, ast.Call):
            return join_like(value, ctx)
    return None


def select_like(expr: ast.expr, ctx: FileContext) -> Shape | None:
    """A Select (or compound select): `select(...)...`, `table.select()`, a variable bound to one."""
    node = expr
    walked = False
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SELECT_GENERATIVE
    ):
        node = node.func.value
        walked = True
    if isinstance(node, ast.Call):
        func = node.func
        if ctx.is_sa(func, *SELECT_FUNCS):
            return STRONG
        if isinstance(func, ast.Attribute) and func.attr == "select":
            recv = table_like(func.value, ctx)
            if recv is not None:
                return recv
            return select_like(func.value, ctx)
        if (
            isinstance(func, ast.Name)
            or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))
        ) and not ctx.qualify(func):
            # `alias(_compute_node_select(context), name="inner")`, `self.select_table("t")`:
            # a helper of this file that returns a Select.
            fact = ctx.fact(node)
            if fact.kind is Kind.SELECT:
                return STRONG if fact.evidence is Evidence.STRONG else WEAK
        return None
    if isinstance(node, ast.Attribute) and node.attr == "statement":
        if isinstance(node.value, ast.Call):
            chain = query_chain(node.value, ctx)
            if chain is not None:
                return STRONG if chain.fact.strong else WEAK
        return None
    if isinstance(node, ast.Name):
        fact = ctx.fact(node)
        if fact.kind is Kind.SELECT:
            if not _always_select(node.id, ctx):
                return None
            return STRONG if fact.evidence is Evidence.STRONG else WEAK
        if fact.kind is None and fact.via and not walked:
            # `orders.join(products)` on an imported Table is a Join: only a bare name is a guess.
            return _via("select", fact.via)
    return None


def _always_select(name: str, ctx: FileContext) -> bool:
    """Bindings are per scope, not per line: `users = select([users.c.id])` rebinds a Table name.

    Trust the Select fact only when every assignment of `name` in its scope builds a Select.
    """
    scope: Scope | None = ctx.scope
    while scope is not None and name not in scope.bindings:
        scope = scope.parent
    if scope is None:
        return True
    root = scope.node
    for node in ast.walk(root):  # nested scopes included: errs towards "not always a Select"
        if isinstance(node, ast.arg) and node.arg == name:
            return False
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = node.value
            while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in SELECT_GENERATIVE:
                value = value.func.value
            if isinstance(value, ast.Name) and value.id == name:
                continue
            if not (isinstance(value, ast.Call) and (ctx.is_sa(value.func, *SELECT_FUNCS) or (
                isinstance(value.func, ast.Attribute) and value.func.attr == "select"
            ))):
                return False
    return True


def column_like(expr: ast.expr, ctx: FileContext) -> Shape | None:
    """A SQL column expression: `t.c.x`, `Model.attr`, `func.count(...)`, `cast(...)`, `x.label()`."""
    if isinstance(expr, ast.Attribute):
        inner = expr.value
        if isinstance(inner, ast.Attribute) and inner.attr in ("c", "columns"):
            return _table_columns(inner.value, ctx)
        if expr.attr.startswith("__") or _CONSTANT.match(expr.attr):
            return None
        owner = model_class(inner, ctx)
        if owner is not None:
            return owner
        return None
    if isinstance(expr, ast.Subscript):
        v = expr.value
        if isinstance(v, ast.Attribute) and v.attr in ("c", "columns"):
            return _table_columns(v.value, ctx)
        return None
    if isinstance(expr, ast.Call):
        func = expr.func
        qual = ctx.qualify(func)
        if qual is not None:
            if qual.startswith("sqlalchemy.func.") or qual in EXPR_FUNCS:
                return STRONG
            return None
        if isinstance(func, ast.Attribute) and func.attr in ("label", "cast", "desc", "asc", "distinct"):
            return column_like(func.value, ctx)
        return None
    if isinstance(expr, ast.BinOp):
        return column_like(expr.left, ctx) or column_like(expr.right, ctx)
    if isinstance(expr, ast.UnaryOp):
        return column_like(expr.operand, ctx)
    return None


def _table_columns(owner: ast.expr, ctx: FileContext) -> Shape:
    found = table_like(owner, ctx) or select_like(owner, ctx)
    if found is not None:
        return found
    # `x.c.name` is SQLAlchemy's spelling; without an owner we only guess.
    return WEAK


def assigned_value(name: str, ctx: FileContext) -> ast.expr | None:
    """The value last assigned to `name` in the current function (or module) body, if simple."""
    scope = ctx.scope
    while scope is not None:
        found = _assignments(scope.node, ctx).get(name)
        if found is not None:
            return found
        if scope.parent is None:
            return None
        scope = scope.parent
    return None


def _assignments(node: ast.AST, ctx: FileContext) -> dict[str, ast.expr]:
    """name → last simple value assigned under `node`; built once per scope node per file.

    Only statements can assign, so the search visits statement bodies breadth-first (nested
    blocks later, as `ast.walk` would) instead of every expression node.
    """
    key = ("assigned_value", id(node))
    index = ctx.memo.get(key)
    if index is None:
        built: dict[str, ast.expr] = {}
        queue: list[ast.AST] = [node]
        i = 0
        while i < len(queue):
            sub = queue[i]
            i += 1
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1:
                target = sub.targets[0]
                if isinstance(target, ast.Name):
                    built[target.id] = sub.value
            for block in sub_blocks(sub):
                queue.extend(block)
        ctx.memo[key] = index = built
    assert isinstance(index, dict)
    return index



def is_wildcard(value: str) -> bool:
    return value == "*" or value.endswith(".*")


def string_value(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def sqlish(expr: ast.expr, ctx: FileContext) -> bool:
    """Does `expr` look like a SQL expression (a comparison of columns, `and_(...)`, `text(...)`)?

    Used to confirm a guessed receiver: `cache.delete(key)` is not `table.delete(whereclause)`.
    """
    if isinstance(expr, ast.Compare):
        return any(column_like(e, ctx) is not None for e in (expr.left, *expr.comparators))
    if isinstance(expr, ast.BoolOp):
        return any(sqlish(v, ctx) for v in expr.values)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitAnd | ast.BitOr):
        # `(t.c.a == 1) & (t.c.b == 2)`: SQLAlchemy's AND / OR operators.
        return sqlish(expr.left, ctx) or sqlish(expr.right, ctx)
    if isinstance(expr, ast.Call):
        if ctx.is_sa(expr.func, "sqlalchemy.text", *EXPR_FUNCS):
            return True
        f = expr.func
        if isinstance(f, ast.Attribute) and f.attr in ("in_", "not_in", "notin_", "like", "ilike", "is_", "isnot", "is_not", "between", "contains", "startswith", "any", "has"):
            return column_like(f.value, ctx) is not None
    return column_like(expr, ctx) is not None


def is_sa_call(func: ast.expr, ctx: FileContext, *names: str) -> bool:
    """`ctx.is_sa`, minus bare names rebound as a parameter of an enclosing function (`def f(case)`)."""
    if not ctx.is_sa(func, *names):
        return False
    if isinstance(func, ast.Name):
        scope: Scope | None = ctx.scope
        while scope is not None:
            node = scope.node
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                a = node.args
                params = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
                if any(p is not None and p.arg == func.id for p in params):
                    return False
            scope = scope.parent
    return True


def model_query(call: ast.Call, ctx: FileContext) -> Shape | None:
    """`User.query.filter(...).<call>`: a Flask-SQLAlchemy / `query_property()` Query chain."""
    from sqla_assist.core.evidence import QUERY_METHODS

    if not isinstance(call.func, ast.Attribute):
        return None
    node = call.func.value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERY_METHODS:
        node = node.func.value
    if not (isinstance(node, ast.Attribute) and node.attr == "query"):
        return None
    owner = model_class(node.value, ctx)
    if owner is not None:
        return owner
    if isinstance(node.value, ast.Name) and _CAMEL.match(node.value.id):
        return WEAK
    return None


def at(node: ast.AST) -> ast.AST:
    """Where to report a method call: at the method's name, not where the chain it ends begins.

    `session.query(X)\n    .join("a", aliased=True)` is reported on the `.join` line. The copy
    unparses to the same text, so the finding's fingerprint is unchanged.
    """
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return node
    func = node.func
    if func.end_lineno is None or func.end_col_offset is None or func.end_lineno == node.lineno:
        return node
    moved = copy.copy(node)
    moved.lineno = func.end_lineno
    moved.col_offset = max(0, func.end_col_offset - len(func.attr))
    return moved
