"""SQ113 / SQ114: bulk `Query.update()` / `Query.delete()` → `update()` / `delete()` statements."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example
from sqla_assist.rules._query_family import QueryMethodRule, QueryRef
from sqla_assist.rules._selection_agree import chain_blocker, settle_selection

_REFS = (
    "SQLAlchemy 2.0 migration guide, “2.0 Migration - ORM Usage” (the `update()` / `delete()` rows)",
    "What's new in 2.0, “Improved synchronize_session behavior for ORM UPDATE / DELETE”",
    "SQLAlchemy ORM querying guide, “ORM UPDATE and DELETE with Custom WHERE Criteria”",
)
_TRAPS = (
    "`Query.{m}()` returns the matched row count and fires `SessionEvents.after_bulk_{m}`; "
    "`session.execute({m}(...))` returns a `CursorResult` (use `.rowcount`) and fires "
    "`do_orm_execute` instead. The default `synchronize_session` changed from 'evaluate' (1.4) "
    "to 'auto' (2.x)."
)


def _sync_note(node: ast.Call) -> str:
    for kw in node.keywords:
        if kw.arg == "synchronize_session":
            return f", `.execution_options(synchronize_session={ast.unparse(kw.value)})`"
    return ""


# The chain links `_fix_query_more.fix_query_dml` carries over to the statement.
_DML_LINKS = frozenset({"filter", "where", "filter_by"})


def _dml_blocker(node: ast.Call, ref: QueryRef, ctx: FileContext, verb: str) -> str | None:
    """Why `fix_query_dml` would refuse this `Query.update()/delete()`, or None (same checks, same words)."""
    if f"after_bulk_{verb}" in ctx.text:
        return (
            f"this file mentions `after_bulk_{verb}`: the statement form does not fire it; move the "
            "listener to `do_orm_execute` first"
        )
    root = ref.root
    why = chain_blocker(root, [])
    if why or not isinstance(root, ast.Call):
        return why
    if len(root.args) != 1 or root.keywords or isinstance(root.args[0], ast.Starred):
        return f"`Query.{verb}()` on a query that names more than one entity: rewrite by hand"
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return f"`.{verb}(*...)`: rewrite by hand"
    keywords = {k.arg for k in node.keywords}
    positional = list(node.args)
    values: ast.expr | None = None
    if verb == "update":
        if "values" in keywords:
            keywords.discard("values")
            values = next(k.value for k in node.keywords if k.arg == "values")
        elif positional:
            values = positional.pop(0)
        if values is None:
            return "`Query.update()` without values"
    if len(positional) > 1:
        return f"too many positional arguments to `Query.{verb}()`"
    keywords.discard("synchronize_session")
    if keywords:
        return (
            f"`{', '.join(sorted(k for k in keywords if k))}=`: `update_args`/`delete_args` become "
            "`.ordered_values()` / `.with_dialect_options()` by hand"
        )
    if isinstance(values, ast.List | ast.Tuple):
        return "a list of (column, value) pairs: use `.ordered_values(*pairs)` by hand"
    for call in ref.links:
        name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if name not in _DML_LINKS:
            return f"`.{name}()` before `.{verb}()` has no `{verb}()` statement equivalent"
        if any(isinstance(a, ast.Starred) for a in call.args):
            return f"`.{name}(*...)`: rewrite by hand"
    return None


def _fixable(
    node: ast.Call, ref: QueryRef, ctx: FileContext, verb: str, described: tuple[str, FixSafety]
) -> tuple[str, FixSafety]:
    message, fix = described
    why = _dml_blocker(node, ref, ctx, verb) if fix is FixSafety.SAFE else None
    return (f"{message}; not fixed automatically: {why}", FixSafety.MANUAL) if why else (message, fix)


def _dml_entity_only(node: ast.Call) -> str:
    verb = node.func.attr if isinstance(node.func, ast.Attribute) else "update"
    return f"`Query.{verb}()` on a column query: name the entity in `{verb}()` by hand"


def _dml_selecting(node: ast.Call, ref: QueryRef) -> list[ast.expr] | None:
    return list(ref.root.args) if isinstance(ref.root, ast.Call) else None


class QueryUpdate(QueryMethodRule):
    id = "SQ113"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_dml")
    name = "query-update"
    title = "use `session.execute(update(Entity).where(...).values(...))` instead of `Query.update()`"
    methods = frozenset({"update"})
    tokens = (b".update(",)
    what = "Flags a bulk `Query.update(values, ...)` on a `session.query(...)` chain or `Model.query`."
    why = (
        "`Query.update()` is legacy in 2.0: ORM-enabled `update()` statements executed by the "
        "Session replace it. " + _TRAPS.format(m="update")
    )
    example = Example(
        before=(
            'n = session.query(User).filter(User.name == "foo").update(\n'
            '    {"fullname": "Foo Bar"}, synchronize_session="evaluate")'
        ),
        after=(
            "n = session.execute(\n"
            '    update(User).where(User.name == "foo").values(fullname="Foo Bar")\n'
            '    .execution_options(synchronize_session="evaluate")).rowcount'
        ),
    )
    use_instead = (
        "`session.execute(update(Entity).where(<criteria>).values(<values>))`; keep an explicit "
        "`synchronize_session` as an execution option, read `.rowcount` when the count is used, "
        "and move `after_bulk_update` listeners to `do_orm_execute`. "
        "`update_args={'preserve_parameter_order': True}` becomes `.ordered_values(...)`."
    )
    fix_safety = (
        "Typed: needs Session evidence and a check that the project has no `after_bulk_update` "
        "listener (it stops firing). Guessed receivers are never fixed automatically."
    )
    references = _REFS

    def accepts(self, node: ast.Call) -> bool:
        return bool(node.args) or any(kw.arg == "values" for kw in node.keywords)

    def _describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        entity = ast.unparse(ref.entities[0]) if len(ref.entities) == 1 else "Entity"
        return (
            f"`Query.update()`: use `session.execute(update({entity}).where(...).values(...)"
            f"{_sync_note(node)})` and `.rowcount`; `after_bulk_update` listeners stop firing",
            FixSafety.SAFE,
        )

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        return _fixable(node, ref, ctx, "update", self._describe(node, ref, ctx))

    selecting = staticmethod(_dml_selecting)
    entity_only = staticmethod(_dml_entity_only)
    settle_project = staticmethod(settle_selection)


class QueryDelete(QueryMethodRule):
    id = "SQ114"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_dml")
    name = "query-delete"
    title = "use `session.execute(delete(Entity).where(...))` instead of `Query.delete()`"
    methods = frozenset({"delete"})
    tokens = (b".delete(",)
    what = "Flags a bulk `Query.delete(...)` on a `session.query(...)` chain or `Model.query`."
    why = (
        "`Query.delete()` is legacy in 2.0: an ORM-enabled `delete()` statement executed by the "
        "Session replaces it. " + _TRAPS.format(m="delete") + " Neither form applies ORM "
        "`cascade=\"delete\"` or runs mapper delete events."
    )
    example = Example(
        before="session.query(Address).filter(Address.user_id == uid).delete(synchronize_session=False)",
        after=(
            "session.execute(delete(Address).where(Address.user_id == uid)\n"
            "                .execution_options(synchronize_session=False))"
        ),
    )
    use_instead = (
        "`session.execute(delete(Entity).where(<criteria>))`, with `synchronize_session` as an "
        "execution option and `.rowcount` when the count is used; `delete_args` becomes "
        "`.with_dialect_options(...)`."
    )
    fix_safety = (
        "Typed: needs Session evidence and no `after_bulk_delete` listener in the project. "
        "Guessed receivers are never fixed automatically."
    )
    references = _REFS

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        entity = ast.unparse(ref.entities[0]) if len(ref.entities) == 1 else "Entity"
        return _fixable(
            node,
            ref,
            ctx,
            "delete",
            (
                f"`Query.delete()`: use `session.execute(delete({entity}).where(...){_sync_note(node)})` "
                "and `.rowcount`; `after_bulk_delete` listeners stop firing",
                FixSafety.SAFE,
            ),
        )

    selecting = staticmethod(_dml_selecting)
    entity_only = staticmethod(_dml_entity_only)
    settle_project = staticmethod(settle_selection)
