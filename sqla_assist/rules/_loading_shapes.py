"""Shapes shared by the loading rules: loader-option calls and ORM `join()` calls."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.rules._helpers import query_chain, via_for
from sqla_assist.rules._sql_shapes import (
    STRONG,
    WEAK,
    Shape,
    is_sa_call,
    model_query,
    sa_name,
    select_like,
)

LOADERS = frozenset(
    ["joinedload", "subqueryload", "selectinload", "lazyload", "immediateload", "noload", "raiseload", "defaultload", "contains_eager", "defer", "undefer", "load_only", "selectin_polymorphic", "undefer_group", "with_expression"]
)
_CAMEL = CLASS_NAME


def loader_call(node: ast.Call, ctx: FileContext) -> str | None:
    """The loader name if `node` is `joinedload(...)` (imported from SQLAlchemy) or a chained
    `.joinedload(...)` on `Load(...)` / another loader option."""
    func = node.func
    if isinstance(func, ast.Name):
        name = sa_name(func, ctx, LOADERS)
        return name if name and is_sa_call(func, ctx, f"sqlalchemy.orm.{name}") else None
    if not isinstance(func, ast.Attribute) or func.attr not in LOADERS:
        return None
    if sa_name(func, ctx, LOADERS):
        return func.attr  # `orm.joinedload(...)`
    return func.attr if reaches_loader(func.value, ctx) else None


def reaches_loader(expr: ast.expr, ctx: FileContext) -> bool:
    """Is `expr` a loader option chain: `Load(User)`, `joinedload(X.y)`, `...joinedload(...)`?"""
    node = expr
    while isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name | ast.Attribute) and sa_name(func, ctx, LOADERS | {"Load"}):
            return True
        if isinstance(func, ast.Attribute) and func.attr in LOADERS | {"options", "of_type"}:
            node = func.value
            continue
        return False
    return False


def loader_links(node: ast.Call) -> list[ast.Call]:
    """The calls of a loader chain, root first: `Load(A).joinedload(A.b).raiseload("*")`."""
    links: list[ast.Call] = []
    cur: ast.expr = node
    while isinstance(cur, ast.Call):
        links.append(cur)
        func = cur.func
        if isinstance(func, ast.Attribute) and func.attr in LOADERS:
            cur = func.value
        else:
            break
    links.reverse()
    return links


def string_args(node: ast.Call) -> list[str]:
    return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def is_relationship_attr(expr: ast.expr, ctx: FileContext) -> bool:
    """`User.addresses`: a lowercase attribute of a class-like name (not `t.c.x`, not `models.User`)."""
    if not isinstance(expr, ast.Attribute) or expr.attr.startswith("_") or _CAMEL.match(expr.attr):
        return False
    owner = expr.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Attribute) and owner.func.attr == "of_type":
        return True
    if isinstance(owner, ast.Name):
        return bool(_CAMEL.match(owner.id)) or ctx.fact(owner).kind is not None
    if isinstance(owner, ast.Attribute):
        return bool(_CAMEL.match(owner.attr)) and owner.attr != "c"
    return False


def orm_join(node: ast.Call, ctx: FileContext) -> Shape | None:
    """Evidence that `node` is `Query.join/outerjoin(...)` (or `Select.join`), never `str.join`."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("join", "outerjoin")):
        return None
    if isinstance(func.value, ast.Constant | ast.JoinedStr):
        return None
    chain = query_chain(node, ctx)
    if chain is not None:
        if chain.fact.strong:
            return STRONG
        return Shape(WEAK.evidence, via_for(chain.fact, SESSIONLIKE))
    shape = select_like(func.value, ctx)
    if shape is not None and not shape.via:  # an imported name's `.join` is rarely a Select's
        return shape
    return model_query(node, ctx)
