"""SQ111 / SQ112: Query de-duplicated entity rows; `select()` results need `.unique()`.

SQ111 is about joins to a collection (duplicates appear silently after a naive rewrite);
SQ112 about joined eager loading of a collection (`.all()` raises without `.unique()`).
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import QUERY_ONLY, SELECT_FN
from sqla_assist.rules._query_family import QueryRef, calls_named, entity_name, query_of
from sqla_assist.rules._selection_agree import chain_blocker, report_selecting, settle_selection

_JOINS = frozenset({"join", "outerjoin", "join_from", "outerjoin_from"})
_QUERY_TERMINALS = frozenset({"all", "one", "one_or_none"})
_EAGER = frozenset({"joinedload", "contains_eager", "joinedload_all"})
_RESULT_TERMINALS = frozenset({"all", "one", "one_or_none", "scalar_one", "scalar_one_or_none"})
_UNIQUES_REF = "SQLAlchemy 2.0 migration guide, “ORM Rows not uniquified by default”"


def _terminal_query(node: ast.Call, ctx: FileContext) -> QueryRef | None:
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _QUERY_TERMINALS) or node.args or node.keywords:
        return None
    return query_of(func.value, ctx, distinctive=func.attr in QUERY_ONLY)


def _eager_options(links: list[ast.Call] | tuple[ast.Call, ...]) -> ast.Call | None:
    opts = [a for c in links if isinstance(c.func, ast.Attribute) and c.func.attr == "options" for a in c.args]
    return calls_named(opts, _EAGER)


def _report_query(rule: Rule, ctx: FileContext, node: ast.Call, ref: QueryRef, message: str) -> None:
    """A Query terminal `fix_unique` converts with `fix_terminal`: SAFE only where that fixer takes it."""
    fix = FixSafety.SAFE
    why = chain_blocker(ref.root, ref.links, terminal=True)
    if why:
        fix, message = FixSafety.MANUAL, f"{message}; not fixed automatically: {why}"
    args = list(ref.root.args) if isinstance(ref.root, ast.Call) else []
    report_selecting(rule, ctx, node, message, args, fix=fix, evidence=ref.evidence, via=ref.via)


class JoinNeedsUnique(Rule):
    id = "SQ111"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_unique", order=1, keeps_comments=True)
    name = "join-needs-unique"
    title = "add `.unique()` when a single-entity query with joins becomes `select()`"
    fix_class = "typed"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"join(",)
    what = (
        "Flags `.all()` / `.one()` / `.one_or_none()` on a Query that selects exactly one entity "
        "and joins another table."
    )
    why = (
        "Query de-duplicates single-entity results by identity; `session.scalars(select(...))` "
        "returns one object per joined row, so a to-many join silently yields duplicates (and "
        "`.one()` raises `MultipleResultsFound`) after a naive rewrite."
    )
    example = Example(
        before='users = session.query(User).join(User.addresses).filter(Address.email.like("%@x")).all()',
        after=(
            "users = session.scalars(select(User).join(User.addresses)\n"
            '                        .where(Address.email.like("%@x"))).unique().all()'
        ),
    )
    use_instead = (
        "`session.scalars(stmt).unique().all()`: identity-based, so it reproduces Query exactly. "
        "`.distinct()` in SQL works only when every column is comparable (not JSON on PostgreSQL)."
    )
    fix_safety = "Typed: needs to know the query selects one full entity (not columns)."
    references = (
        "SQLAlchemy FAQ, “My Query does not return the same number of objects as query.count() tells me - why?”",
        _UNIQUES_REF,
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        ref = _terminal_query(node, ctx)
        if ref is None or len(ref.entities) != 1 or entity_name(ref.entities[0]) is None:
            return
        if not set(ref.methods) & _JOINS or "distinct" in ref.methods:
            return
        entity = entity_name(ref.entities[0])
        _report_query(
            self,
            ctx,
            node,
            ref,
            f"single-entity Query with a join: Query de-duplicated `{entity}` rows; the `select()` "
            "form needs `session.scalars(stmt).unique()` to return the same objects",
        )

    settle_project = staticmethod(settle_selection)


class JoinedEagerNeedsUnique(Rule):
    id = "SQ112"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_unique", order=1, keeps_comments=True)
    name = "joined-eager-needs-unique"
    title = "call `.unique()` on results of a statement with `joinedload()` / `contains_eager()`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"joinedload", b"contains_eager")
    what = (
        "Flags `.all()` / `.one()` / `.scalar_one()` (and the `_or_none` forms) on the result of a "
        "`select()` that uses `joinedload()` / `contains_eager()` without `.unique()`, and the same "
        "Query terminals that will need it once converted."
    )
    why = (
        "2.0 results are not de-duplicated. With joined eager loading of a collection, "
        "`Result.all()` raises `InvalidRequestError: The unique() method must be invoked on this "
        "Result, as it contains results that include joined eager loads against collections`."
    )
    example = Example(
        before="users = session.query(User).options(joinedload(User.addresses)).all()",
        after="users = session.scalars(select(User).options(joinedload(User.addresses))).unique().all()",
    )
    use_instead = (
        "`session.scalars(stmt).unique().all()` / `session.execute(stmt).unique()...`; consider "
        "`selectinload` for collections as a separate, reviewed change (it changes the SQL)."
    )
    fix_safety = (
        "Safe once the chain is a `select()`: `.unique()` is harmless for many-to-one joined loads, "
        "so it is added whenever `joinedload`/`contains_eager` appears."
    )
    references = (_UNIQUES_REF,)
    settle_project = staticmethod(settle_selection)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _RESULT_TERMINALS) or node.args:
            return
        ref = _terminal_query(node, ctx)
        if ref is not None:
            if _eager_options(ref.links) is not None:
                _report_query(
                    self,
                    ctx,
                    node,
                    ref,
                    "Query with joined eager loading: once converted, call `.unique()` on the "
                    "result (`session.scalars(stmt).unique().all()`) or it raises",
                )
            return
        stmt = self._executed_statement(func.value)
        if stmt is None:
            return
        eager = self._select_eager(stmt, ctx)
        if eager is None:
            return
        ctx.report(
            self,
            node,
            f"`.{func.attr}()` on a result with `{ast.unparse(eager.func)}()` raises "
            "`InvalidRequestError` in 2.0: call `.unique()` first",
            fix=FixSafety.SAFE,
            evidence=Evidence.STRONG,
        )

    @staticmethod
    def _executed_statement(expr: ast.expr) -> ast.expr | None:
        """`s.scalars(stmt)` / `s.execute(stmt).scalars()` with no `.unique()` in between → stmt."""
        node = expr
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr == "unique":
                return None
            if attr in ("scalars", "execute") and node.args:
                return node.args[0]
            if attr not in ("scalars", "mappings", "tuples"):
                return None
            node = node.func.value
        return None

    @staticmethod
    def _select_eager(stmt: ast.expr, ctx: FileContext) -> ast.Call | None:
        links: list[ast.Call] = []
        node = stmt
        while isinstance(node, ast.Call):
            if ctx.is_sa(node.func, *SELECT_FN):
                return _eager_options(links)
            if not isinstance(node.func, ast.Attribute):
                return None
            links.append(node)
            node = node.func.value
        return None
