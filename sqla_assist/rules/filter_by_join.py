"""SQ110: `filter_by()` after a join or over several entities — 2.1 changed `Select.filter_by`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_a_shapes import filter_by_entity
from sqla_assist.rules._helpers import SELECT_FN
from sqla_assist.rules._query_family import column_owner, entity_name, query_of

_JOINS = frozenset({"join", "outerjoin", "join_from", "outerjoin_from"})


def _entity_count(args: list[ast.expr]) -> int:
    owners = {entity_name(a) or column_owner(a) for a in args}
    owners.discard(None)
    return len(owners)


def _join_target(call: ast.Call) -> str:
    from_form = isinstance(call.func, ast.Attribute) and call.func.attr.endswith("_from")
    args = call.args[1:] if from_form else call.args
    if args:
        name = entity_name(args[0])
        if name:
            return name
        if column_owner(args[0]):
            return f"the target of `{ast.unparse(args[0])}`"
    return "the joined entity"


def _select_chain(expr: ast.expr, ctx: FileContext) -> tuple[ast.Call, list[ast.Call]] | None:
    """`select(...).a(...).b(...)` → (the `select()` call, [a, b] innermost first)."""
    links: list[ast.Call] = []
    node = expr
    while isinstance(node, ast.Call):
        if ctx.is_sa(node.func, *SELECT_FN):
            links.reverse()
            return node, links
        if not isinstance(node.func, ast.Attribute):
            return None
        links.append(node)
        node = node.func.value
    return None


class FilterByAfterJoin(Rule):
    id = "SQ110"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_filter_by")
    name = "filter-by-after-join"
    title = "use `.where(Entity.attr == value)` instead of `filter_by()` after a join or with several entities"
    fix_class = "typed"
    on_20 = "OK"
    on_21 = "CHANGED"
    nodes = (ast.Call,)
    tokens = (b"filter_by(",)
    what = (
        "Flags `filter_by(...)` on a Query or `select()` whose chain joins another entity before it "
        "(`join`, `outerjoin`, `join_from`, `with_only_columns`) or that selects several entities."
    )
    why = (
        "`filter_by` resolves its keywords against the last joined entity (else the first one). "
        "On 2.1 `Select.filter_by` searches all FROM entities instead: a name present in two of "
        "them raises `AmbiguousColumnError`, and names that used to fail now match. The legacy "
        "Query keeps the old behaviour, so a naive Query → `select()` rewrite changes meaning."
    )
    example = Example(
        before="session.query(User).join(User.addresses).filter_by(id=5).all()   # filters addresses.id",
        after="session.scalars(select(User).join(User.addresses).where(Address.id == 5)).all()",
    )
    use_instead = (
        "`.where(Entity.attr == value)` naming the entity the old rule picked: the last join "
        "target, else the first selected entity. `filter_by(rel=obj)` becomes `where(Entity.rel == obj)`."
    )
    fix_safety = (
        "Typed: `filter_by(k=v)` becomes `filter(E.k == v)` (Query) or `where(E.k == v)` (`select()`), "
        "which is what 1.x built, when E is a plainly named class: the last join target (`join(Address)`, "
        "`join(Address, onclause)`), else the first selected entity. A join along a relationship "
        "(`join(User.addresses)`) needs the model map and stays manual, as do `select_from()` / "
        "`with_only_columns()` chains and queries built in variables."
    )
    references = (
        "SQLAlchemy 2.1 migration notes, “filter_by() now searches across all FROM clause entities”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "filter_by" and node.keywords):
            return
        names = ", ".join(f"{k.arg}=" for k in node.keywords if k.arg)
        _, refusal = filter_by_entity(node, ctx)
        fix = FixSafety.MANUAL if refusal else FixSafety.SAFE
        why = f" ({refusal})" if refusal else ""
        ref = query_of(func.value, ctx)
        if ref is not None:
            joins = [c for c in ref.links if isinstance(c.func, ast.Attribute) and c.func.attr in _JOINS]
            if joins:
                target = _join_target(joins[-1])
                ctx.report(
                    self,
                    node,
                    f"`filter_by({names})` after `join()` filters {target}; write "
                    "`.where(<that entity>.<attr> == ...)` so the `select()` form keeps that meaning on 2.1" + why,
                    fix=fix,
                    evidence=ref.evidence,
                    via=ref.via,
                )
            elif _entity_count(ref.entities) > 1:
                first = entity_name(ref.entities[0]) or column_owner(ref.entities[0]) or "<Entity>"
                ctx.report(
                    self,
                    node,
                    f"`filter_by({names})` with several entities filters {first}; write "
                    f"`.where({first}.<attr> == ...)` (2.1's `select().filter_by` searches all of them)" + why,
                    fix=fix,
                    evidence=ref.evidence,
                    via=ref.via,
                )
            return
        found = _select_chain(func.value, ctx)
        if found is None:
            return
        root, links = found
        methods = [c.func.attr for c in links if isinstance(c.func, ast.Attribute)]
        if set(methods) & (_JOINS | {"with_only_columns"}) or _entity_count(list(root.args)) > 1:
            ctx.report(
                self,
                node,
                f"`select().filter_by({names})` after a join / over several entities: on 2.1 it "
                "searches every FROM entity and raises `AmbiguousColumnError` on shared names; "
                "write `.where(Entity.<attr> == ...)`" + why,
                fix=fix,
                evidence=Evidence.STRONG,
            )
