"""SQ125: DISTINCT with ORDER BY on a column the query does not select."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._query_family import QueryRef, column_owner, entity_name, query_of

_MODIFIERS = frozenset({"desc", "asc", "nulls_last", "nullslast", "nulls_first", "nullsfirst", "collate"})


def _unwrap(expr: ast.expr) -> ast.expr:
    """`User.name.desc()` / `desc(User.name)` → `User.name`."""
    while isinstance(expr, ast.Call):
        f = expr.func
        if isinstance(f, ast.Attribute) and f.attr in _MODIFIERS:
            expr = f.value
        elif isinstance(f, ast.Name) and f.id in _MODIFIERS and expr.args:
            expr = expr.args[0]
        else:
            break
    return expr


def _foreign_order(order_args: list[ast.expr], ref: QueryRef) -> str | None:
    """The first ORDER BY expression whose entity the query does not select."""
    selected = {ast.unparse(e) for e in ref.entities}
    owners = {entity_name(e) or column_owner(e) for e in ref.entities}
    for arg in order_args:
        col = _unwrap(arg)
        owner = column_owner(col)
        if owner is None:
            continue
        if owner not in owners and ast.unparse(col) not in selected:
            return ast.unparse(arg)
    return None


class DistinctOrderByUnselected(Rule):
    id = "SQ125"
    name = "distinct-order-by-unselected"
    title = "select the ORDER BY column explicitly when a DISTINCT query orders by another entity"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"distinct(",)
    what = (
        "Flags a Query chain with `.distinct()` and an `.order_by(...)` on a column of an entity "
        "that is not among the selected entities."
    )
    why = (
        "1.x silently added such ORDER BY columns to the SELECT list of a DISTINCT query. 2.0 no "
        "longer does: SQLite accepts the SQL, PostgreSQL rejects it ('for SELECT DISTINCT, ORDER BY "
        "expressions must appear in select list')."
    )
    example = Example(
        before="users = session.query(User).join(User.addresses).distinct().order_by(Address.email_address).all()",
        after=(
            "stmt = (select(User, Address.email_address).join(User.addresses)\n"
            "        .distinct().order_by(Address.email_address))\n"
            "users = session.scalars(stmt).unique().all()"
        ),
    )
    use_instead = (
        "Add the ordering column to the selected columns and read the entity with "
        "`session.scalars(stmt).unique().all()`. The migration guide's `.columns(User)` form "
        "returns duplicated 1-tuples."
    )
    fix_safety = (
        "Manual: the extra column changes what DISTINCT compares (rows now differ per ordering "
        "value), so a human must confirm the intended result."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “Using DISTINCT with additional columns, but only select the entity”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in ("order_by", "distinct"):
            return
        if func.attr == "distinct" and (node.args or node.keywords):
            return
        ref = query_of(func.value, ctx)
        if ref is None or not ref.entities:
            return
        if func.attr == "order_by":
            if not any(isinstance(c.func, ast.Attribute) and c.func.attr == "distinct" and not c.args for c in ref.links):
                return
            order_args = list(node.args)
        else:
            order_args = [
                a for c in ref.links if isinstance(c.func, ast.Attribute) and c.func.attr == "order_by" for a in c.args
            ]
        foreign = _foreign_order(order_args, ref)
        if foreign is None:
            return
        ctx.report(
            self,
            node,
            f"DISTINCT query ordered by `{foreign}`, which it does not select: 2.0 no longer adds it "
            "to the SELECT list (PostgreSQL rejects the SQL); select it explicitly and use "
            "`session.scalars(stmt).unique()`",
            fix=FixSafety.MANUAL,
            evidence=ref.evidence,
            via=ref.via,
        )
