"""SQ107: `session.query(Entity).get(pk)` → `session.get(Entity, pk)`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import evidence_of, query_chain, via_for
from sqla_assist.rules._query_fixability import get_blocker

# Links that `Session.get()` can express as keyword arguments.
_GET_OPTIONS = frozenset({"options", "populate_existing", "with_for_update", "execution_options"})


class QueryGet(Rule):
    id = "SQ107"
    name = "query-get"
    title = "use `session.get(Entity, pk)` instead of `session.query(Entity).get(pk)`"
    fix_class = "safe/typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Call,)
    tokens = (b".get(",)
    what = "Flags primary-key lookups through `Query.get()`."
    why = (
        "`Query.get()` moved to `Session.get()` in 1.4 and emits `LegacyAPIWarning` on 2.x. "
        "The identity-map short-circuit, composite keys and the missing-row `None` behave the same."
    )
    example = Example(
        before="user = session.query(User).get(user_id)",
        after="user = session.get(User, user_id)",
    )
    use_instead = (
        "`Session.get(Entity, pk)`; `options=`, `populate_existing=`, `with_for_update=` and "
        "`execution_options=` carry the Query modifiers over."
    )
    fix_safety = (
        "Safe for the bare `session.query(E).get(pk)` chain on a known Session. With modifiers "
        "or a guessed receiver the fix is unsafe. `.get()` after `filter()`/`join()` raises in "
        "every version and is left for a human."
    )
    fixer = LazyFixer("sqla_assist.rules._fix_query:fix_query_get")
    references = (
        "SQLAlchemy 2.0 migration guide, “ORM Query - get() method moves to Session”",
        "SQLAlchemy ORM API: `Session.get()`",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "get"):
            return
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            return
        chain = query_chain(node, ctx)
        if chain is None or len(chain.root.args) != 1 or chain.root.keywords:
            return
        between = chain.methods[:-1]
        evidence = evidence_of(chain.fact)
        if any(m not in _GET_OPTIONS for m in between):
            ctx.report(
                self,
                node,
                "`Query.get()` after filtering or joining raises on every version; "
                "use `session.get(Entity, pk)` and apply the criteria yourself",
                evidence=evidence,
                via=via_for(chain.fact, SESSIONLIKE),
            )
            return
        fix = FixSafety.SAFE if not between else FixSafety.UNSAFE
        message = f"`Query.get()`: {self.title}"
        blocker = get_blocker(chain)
        if blocker is not None:
            fix, message = FixSafety.MANUAL, f"{message}; not fixed automatically: {blocker}"
        ctx.report(self, node, message, fix=fix, evidence=evidence, via=via_for(chain.fact, SESSIONLIKE))
