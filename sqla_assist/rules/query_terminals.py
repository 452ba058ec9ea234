"""SQ101–SQ106: a `session.query(...)` chain ended by `all/first/one/one_or_none/scalar/count`."""

from __future__ import annotations

import ast
from typing import ClassVar

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import evidence_of, query_chain, via_for
from sqla_assist.rules._query_fixability import terminal_blocker
from sqla_assist.rules._selection_agree import report_selecting, settle_selection
from sqla_assist.rules._with_parent_shapes import COLUMNS as WITH_PARENT_COLUMNS

_MIGRATION = "SQLAlchemy 2.0 migration guide, “2.0 Migration - ORM Usage”"
_UNIFIED = "SQLAlchemy 2.0 migration guide, “ORM Query Unified with Core Select”"
_WHY = (
    "`Session.query()` is the 1.x ORM API. In 2.0 it is “legacy”: kept, but frozen; new "
    "features land on `select()` executed through `Session.execute()` / `Session.scalars()`, "
    "and typing only works there. Moving every query to `select()` is the bulk of the "
    "migration."
)


class _QueryTerminal(Rule):
    terminal: ClassVar[str]
    nodes = (ast.Call,)
    tokens = (b".query(", b"query")
    local_tokens = False  # the evidence is in other statements
    fix_class = "typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    fixer = LazyFixer("sqla_assist.rules._fix_query:fix_terminal", keeps_comments=True)
    references = (_MIGRATION, _UNIFIED)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == self.terminal):
            return
        if node.args or node.keywords:
            return
        chain = query_chain(node, ctx)
        if chain is None:
            return
        # Offer a fix only where the fixer will take it; otherwise say why, as guidance.
        blocker = terminal_blocker(chain, node)
        message = self.message(chain.root)
        if blocker is not None:
            message = f"{message}; not fixed automatically: {blocker}"
        report_selecting(
            self,
            ctx,
            node,
            message,
            list(chain.root.args),
            fix=FixSafety.SAFE if blocker is None else FixSafety.MANUAL,
            evidence=evidence_of(chain.fact),
            via=via_for(chain.fact, SESSIONLIKE),
            # SQ123 rewrites a `.with_parent()` link first, only on an entity query.
            entity_only=WITH_PARENT_COLUMNS if "with_parent" in _link_names(chain.links) else "",
        )

    # The entity-or-column question may rest on names from other modules (`_selection_agree`).
    settle_project = staticmethod(settle_selection)

    def message(self, root: ast.Call) -> str:
        return f"`Query.{self.terminal}()`: {self.title}"


class QueryAll(_QueryTerminal):
    id = "SQ101"
    name = "query-all"
    terminal = "all"
    title = "use `session.scalars(select(...)).all()` (one entity) or `session.execute(select(...)).all()`"
    what = "Flags a `session.query(...)` chain that ends in `.all()`."
    why = _WHY
    example = Example(
        before='users = session.query(User).filter(User.name == "ed").all()',
        after='users = session.scalars(select(User).where(User.name == "ed")).all()',
    )
    use_instead = (
        "Build the statement with `select()` and run it with `Session.scalars()` when the query "
        "selects one entity, or `Session.execute()` when it selects several entities or columns "
        "(those already returned rows). A join to a collection needs `.unique()` to keep "
        "Query's de-duplication."
    )
    fix_safety = (
        "Typed: the fix needs to know whether the query selects one entity or columns, and that "
        "the receiver is a Session. Fixed automatically only on strong evidence."
    )


class QueryFirst(_QueryTerminal):
    id = "SQ102"
    name = "query-first"
    terminal = "first"
    title = "use `session.scalars(select(...).limit(1)).first()`"
    what = "Flags a `session.query(...)` chain that ends in `.first()`."
    why = _WHY + " `Query.first()` applies `LIMIT 1`; `Result.first()` does not."
    example = Example(
        before='u = session.query(User).filter_by(name="ed").first()',
        after='u = session.scalars(select(User).filter_by(name="ed").limit(1)).first()',
    )
    use_instead = "`select()` with an explicit `.limit(1)`, then `.first()` on the result."
    fix_safety = "Typed; the `.limit(1)` is always added so the SQL keeps its LIMIT."


class QueryOne(_QueryTerminal):
    id = "SQ103"
    name = "query-one"
    terminal = "one"
    title = "use `session.execute(select(...)).scalar_one()` / `.one()`"
    what = "Flags a `session.query(...)` chain that ends in `.one()`."
    why = _WHY
    example = Example(
        before="u = session.query(User).filter_by(id=5).one()",
        after="u = session.execute(select(User).filter_by(id=5)).scalar_one()",
    )
    use_instead = "`.scalar_one()` for one entity, `.one()` for rows of columns; same exceptions."
    fix_safety = "Typed; joined eager loading of a collection needs `.unique()` as well."


class QueryOneOrNone(_QueryTerminal):
    id = "SQ104"
    name = "query-one-or-none"
    terminal = "one_or_none"
    title = "use `session.execute(select(...)).scalar_one_or_none()` / `.one_or_none()`"
    what = "Flags a `session.query(...)` chain that ends in `.one_or_none()`."
    why = _WHY
    example = Example(
        before="u = session.query(User).filter(User.email == e).one_or_none()",
        after="u = session.execute(select(User).where(User.email == e)).scalar_one_or_none()",
    )
    use_instead = "`.scalar_one_or_none()` for one entity, `.one_or_none()` for column rows."
    fix_safety = "Typed, as SQ103."


class QueryScalar(_QueryTerminal):
    id = "SQ105"
    name = "query-scalar"
    terminal = "scalar"
    title = "use `session.execute(select(...)).scalar_one_or_none()` (not `session.scalar`)"
    what = "Flags a `session.query(...)` chain that ends in `.scalar()`."
    why = (
        _WHY + " `Query.scalar()` raises `MultipleResultsFound` when several rows come back; "
        "`Session.scalar()` silently returns the first, so the obvious rewrite hides bugs."
    )
    example = Example(
        before="n = session.query(func.count(User.id)).filter(User.active).scalar()",
        after="n = session.execute(select(func.count(User.id)).where(User.active)).scalar_one_or_none()",
    )
    use_instead = "`Result.scalar_one_or_none()`, which keeps the multiple-rows check."
    fix_safety = "Typed; never rewritten to `Session.scalar()`."


class QueryCount(_QueryTerminal):
    id = "SQ106"
    name = "query-count"
    terminal = "count"
    title = "use `session.scalar(select(func.count()).select_from(stmt.subquery()))`"
    what = "Flags a `session.query(...)` chain that ends in `.count()`."
    why = (
        _WHY + " `Query.count()` counts the rows of the whole query wrapped in a subquery; "
        "the short `select(func.count()).select_from(User)` ignores limits, DISTINCT and joins."
    )
    example = Example(
        before="n = session.query(User).join(User.addresses).count()",
        after=(
            "stmt = select(User).join(User.addresses)\n"
            "n = session.scalar(select(func.count()).select_from(stmt.subquery()))"
        ),
    )
    use_instead = "Count the statement as a subquery, exactly as Query did."
    fix_safety = "Typed; the subquery form is always used, so the count cannot change."


def _link_names(links: tuple[ast.Call, ...] | list[ast.Call]) -> set[str]:
    return {c.func.attr for c in links if isinstance(c.func, ast.Attribute)}
