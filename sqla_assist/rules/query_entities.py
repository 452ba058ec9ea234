"""SQ115 / SQ116: Query methods that change what is selected, and Query loading switches."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example
from sqla_assist.rules._fixers_b_shapes import parents
from sqla_assist.rules._query_family import QueryMethodRule, QueryRef, method_name
from sqla_assist.rules._query_fixability import ENTITY_NEUTRAL, ROOT_ARGS
from sqla_assist.rules._selection_agree import chain_blocker
from sqla_assist.rules._storedquery_shapes import links_blocker

_QUERY_PY = "SQLAlchemy ORM API, `Query` method docstrings (“v2 comparable method”)"

_ENTITY_ADVICE = {
    "with_entities": "put the columns in `select(...)` directly (`select(...)`), or `Select.with_only_columns(..., maintain_column_froms=True)` on an existing statement",
    "add_columns": "use `Select.add_columns(...)`",
    "add_entity": "use `Select.add_columns(Entity)`",
    "add_column": "use `Select.add_columns(...)` (`add_column` is deprecated since 1.4)",
    "values": "use `session.execute(select(<cols>)...)` (`Query.values()` is deprecated since 1.4)",
    "value": "use `session.scalar(select(<col>)...)` (`Query.value()` is deprecated since 1.4; it took the first row without a multiple-rows check, as `Session.scalar` does)",
}


class QueryEntities(QueryMethodRule):
    id = "SQ115"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_entities")
    name = "query-with-entities"
    title = "select the columns in `select(...)` instead of `with_entities` / `add_column(s)` / `values` / `value`"
    on_20 = "LEGACY/DEPRECATED"
    on_21 = "LEGACY/DEPRECATED"
    methods = frozenset(_ENTITY_ADVICE)
    distinctive = True
    tokens = (b"with_entities", b"add_column", b"add_entity", b".values(", b".value(")
    what = (
        "Flags `with_entities()`, `add_columns()`, `add_entity()`, `add_column()`, `values()` and "
        "`value()` on a Query."
    )
    why = (
        "These reshape a legacy Query's SELECT list. `add_column`, `values` and `value` have been "
        "deprecated since 1.4; the others are legacy with `Select` equivalents."
    )
    example = Example(
        before=(
            "ids = session.query(User).filter(User.active).with_entities(User.id).all()\n"
            "name = session.query(User).filter(User.id == 1).value(User.name)"
        ),
        after=(
            "ids = session.execute(select(User.id).where(User.active)).all()\n"
            "name = session.scalar(select(User.name).where(User.id == 1))"
        ),
    )
    use_instead = (
        "Put the wanted columns in `select(...)` directly. On an existing statement, "
        "`Select.with_only_columns(...)` keeps joins and WHERE but drops FROM entries that came "
        "only from the old columns: pass `maintain_column_froms=True` or add `.select_from(...)`."
    )
    fix_safety = (
        "Typed: the rewrite depends on the Session receiver and on whether the result is read as "
        "rows or scalars."
    )
    references = (_QUERY_PY, "SQLAlchemy Core API, `Select.with_only_columns()`")

    def accepts(self, node: ast.Call) -> bool:
        # `values()`/`value()` without arguments are other APIs' spellings (dict views, enums).
        return method_name(node) not in ("values", "value") or bool(node.args)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        name = method_name(node)
        message = f"`Query.{name}()`: {_ENTITY_ADVICE[name]}"
        why = _entities_blocker(node, ref, name)
        if why:
            return f"{message}; not fixed automatically: {why}", FixSafety.MANUAL
        return message, FixSafety.SAFE


# The links `_fix_query_more.fix_query_entities` lets stand before the entities change
# (shared with the terminal rules, whose fixers need SQ115's rewrite first).
_ENTITY_NEUTRAL = ENTITY_NEUTRAL


def _entities_blocker(node: ast.Call, ref: QueryRef, name: str) -> str | None:
    """Why `fix_query_entities` would refuse, or None (same checks, same words)."""
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        return f"`.{name}()` with keyword or starred arguments: rewrite by hand"
    if not node.args:
        return f"`.{name}()` without arguments"
    root = ref.root
    why = chain_blocker(root, [])
    if why or not isinstance(root, ast.Call):
        return why
    if not root.args or root.keywords or any(isinstance(a, ast.Starred) for a in root.args):
        return ROOT_ARGS
    methods = list(ref.methods)
    allowed = _ENTITY_NEUTRAL | {"filter_by", "options"} if name in ("add_columns", "add_column", "add_entity") else _ENTITY_NEUTRAL
    bad = [m for m in methods if m not in allowed]
    if bad and allowed is not _ENTITY_NEUTRAL:
        return f"`.{bad[0]}()` before `.{name}()`: move the columns into `select(...)` by hand"
    if bad:
        return (
            f"`.{bad[0]}()` before `.{name}()` depends on the entities selected first: "
            "move the columns into `select(...)` by hand"
        )
    if name in ("values", "value"):
        rebuilt = ast.Call(func=root.func, args=list(node.args), keywords=[])
        why = links_blocker(rebuilt, list(ref.links))
        if why:
            return why
        if name == "value" and len(node.args) != 1:
            return "`value()` takes one column"
    return None


_SWITCH_OPTION = {
    "populate_existing": "populate_existing=True",
    "autoflush": "autoflush=<flag>",
    "yield_per": "yield_per=<n>",
}


class QueryLoadingSwitches(QueryMethodRule):
    id = "SQ116"
    # Runs before a fixer of the same node (SQ108 iterating it) converts the chain.
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_loading_switch", order=-1)
    name = "query-loading-switches"
    title = "use `.execution_options(populate_existing=..., autoflush=..., yield_per=...)`"
    fix_class = "safe"
    methods = frozenset({"populate_existing", "autoflush", "yield_per", "enable_eagerloads"})
    distinctive = True
    tokens = (b"populate_existing", b"autoflush", b"yield_per", b"enable_eagerloads")
    what = "Flags `populate_existing()`, `autoflush()`, `yield_per()` and `enable_eagerloads()` on a Query."
    why = (
        "They are legacy Query switches; each is an ORM execution option that works the same on a "
        "`select()` statement (or `Session.execute(..., execution_options=...)`)."
    )
    example = Example(
        before="q = session.query(User).populate_existing().autoflush(False).yield_per(500)",
        after="stmt = select(User).execution_options(populate_existing=True, autoflush=False, yield_per=500)",
    )
    use_instead = (
        "`.execution_options(populate_existing=True)`, `.execution_options(autoflush=False)`, "
        "`.execution_options(yield_per=n)`. `enable_eagerloads(False)` has no equivalent: eager "
        "loaders are never rendered inside `.subquery()`/`.cte()`, which covers its usual use."
    )
    fix_safety = (
        "Safe once the chain is converted to `select()`; `enable_eagerloads` is left to a human."
    )
    references = (_QUERY_PY, "SQLAlchemy ORM querying guide, “ORM Execution Options”")

    def accepts(self, node: ast.Call) -> bool:
        # `session.autoflush` is an attribute; a call with no arguments is not the Query switch.
        return method_name(node) != "autoflush" or bool(node.args)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        name = method_name(node)
        if name == "enable_eagerloads":
            return (
                "`Query.enable_eagerloads()` has no `select()` equivalent: drop it when the query "
                "becomes a subquery/CTE (eager loads are not rendered there), else use "
                "`.options(lazyload('*'))` after review",
                FixSafety.MANUAL,
            )
        option = _SWITCH_OPTION[name]
        if name != "populate_existing" and node.args:
            option = option.split("=")[0] + "=" + ast.unparse(node.args[0])
        message = f"`Query.{name}()`: use `.execution_options({option})` on the `select()`"
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            return f"{message}; not fixed automatically: `.{name}()` with keyword or starred arguments: rewrite by hand", FixSafety.MANUAL
        outer = parents(ctx).get(id(parents(ctx).get(id(node), node)))
        if isinstance(outer, ast.Call) and isinstance(outer.func, ast.Attribute) and outer.func.attr == "get":
            # The fixer leaves this link to SQ107, whose `Session.get()` takes only `populate_existing`.
            if name == "populate_existing" and not node.args:
                return f"{message}; fixed by SQ107's rewrite to `Session.get(..., {option})`, not on its own", FixSafety.MANUAL
            return f"{message}; not fixed automatically: `Session.get()` has no `{name}` argument: rewrite by hand", FixSafety.MANUAL
        return message, FixSafety.SAFE
