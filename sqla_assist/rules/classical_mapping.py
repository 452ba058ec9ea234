"""SQ304–SQ307: mapping functions and names removed or renamed in 2.0."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import ALIAS, PROJECT
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._models import orm_name
from sqla_assist.rules._typed_shapes import classical_refusal

_EVENT_FUNCS = ("sqlalchemy.event.listen", "sqlalchemy.event.listens_for", "sqlalchemy.event.remove", "sqlalchemy.event.contains")


def _imported(node: ast.ImportFrom, modules: tuple[str, ...], name: str) -> bool:
    return not node.level and node.module in modules and any(a.name == name for a in node.names)


class ClassicalMapper(Rule):
    id = "SQ304"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_classical_mapper")
    name = "classical-mapper"
    title = "classical `mapper(Cls, table)` → `registry.map_imperatively(Cls, table)`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"mapper",)
    what = "Flags calls of `sqlalchemy.orm.mapper(...)` that map a class to a table."
    why = (
        "2.0 removed the classical `mapper()` function (`InvalidRequestError: The "
        "'sqlalchemy.orm.mapper()' function is removed`). Imperative mapping lives on a `registry`."
    )
    example = Example(
        before="mapper(User, users_table, properties={\"addresses\": relationship(Address)})",
        after=(
            "mapper_registry = registry()\n"
            "mapper_registry.map_imperatively(User, users_table, properties={\"addresses\": relationship(Address)})"
        ),
    )
    use_instead = (
        "`registry().map_imperatively(...)` with the same arguments. Use one registry for the whole "
        "project (`Base.registry` when a declarative base exists): string targets in "
        "`relationship(\"X\")` resolve only within one registry."
    )
    fix_safety = "Safe once every classical mapping of the project shares the same registry."
    references = (
        "SQLAlchemy 2.0 migration guide, “The original “mapper()” function now a core element of Declarative, renamed”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Assign):
            # `mapper = orm.mapper`: a project-wide alias other modules call (CKAN's `meta.mapper`).
            if isinstance(node.value, ast.Name | ast.Attribute) and orm_name(node.value, ctx, "mapper"):
                ctx.report(
                    self,
                    node,
                    "alias of the removed `mapper()`: point it at `<registry>.map_imperatively`",
                    fix=FixSafety.MANUAL,
                )
            return
        assert isinstance(node, ast.Call)
        if not node.args:
            return
        if not orm_name(node.func, ctx, "mapper"):
            self._through_alias(node, ctx)
            return
        refusal = classical_refusal(node, ctx)
        why = f" ({refusal})" if refusal else ""
        ctx.report(
            self,
            node,
            f"`mapper()` is removed in 2.0: use `<registry>.map_imperatively()` with the same arguments{why}",
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
        )


    def _through_alias(self, node: ast.Call, ctx: FileContext) -> None:
        """`meta.mapper(Package, package_table)` with `mapper = orm.mapper` in `meta`: kept
        when the gathering pass follows the name to `sqlalchemy.orm.mapper`."""
        func = node.func
        qual = ctx.qualify(func) if isinstance(func, ast.Attribute | ast.Name) else None
        if qual is None or qual.startswith("sqlalchemy") or not qual.endswith(".mapper"):
            return
        ctx.report(
            self,
            node,
            f"`{ast.unparse(func)}` is SQLAlchemy's removed `mapper()`: call `<registry>.map_imperatively()` "
            "with the same arguments (and retire the alias)",
            fix=FixSafety.MANUAL,
            via=f"{PROJECT}{ALIAS}sqlalchemy.orm.mapper@{qual}",
        )


class InstrumentDeclarative(Rule):
    id = "SQ305"
    name = "instrument-declarative"
    title = "`instrument_declarative(cls, registry, metadata)` → `registry.map_declaratively(cls)`"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.ImportFrom, ast.Call)
    tokens = (b"instrument_declarative",)
    what = "Flags imports and calls of `sqlalchemy.ext.declarative.instrument_declarative`."
    why = "The function was deprecated in 1.4 and removed in 2.0: its import fails."
    example = Example(
        before="from sqlalchemy.ext.declarative import instrument_declarative\ninstrument_declarative(User, {}, metadata)",
        after="mapper_registry = registry(metadata=metadata)\nmapper_registry.map_declaratively(User)",
    )
    use_instead = (
        "Create (or reuse) a `registry` carrying the metadata and call `map_declaratively(cls)`; "
        "the old class-registry dict becomes the registry's own."
    )
    fix_safety = "Manual: the dict of classes passed in is replaced by a registry the rest of the code must share."
    references = ("SQLAlchemy 1.4 deprecation of `instrument_declarative`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ImportFrom):
            if _imported(node, ("sqlalchemy.ext.declarative", "sqlalchemy.ext.declarative.extensions"), "instrument_declarative"):
                ctx.report(self, node, "`instrument_declarative` no longer exists: its import fails on 2.0")
            return
        assert isinstance(node, ast.Call)
        qual = ctx.qualify(node.func)
        if qual is not None and qual.startswith("sqlalchemy") and qual.endswith(".instrument_declarative"):
            ctx.report(self, node, "`instrument_declarative()` is removed: use `registry.map_declaratively(cls)`")


class MapperEventTarget(Rule):
    id = "SQ306"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_mapper_event_target")
    name = "mapper-event-target"
    title = "listen to `Mapper` events on the `Mapper` class, not the `mapper` function"
    fix_class = "safe"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call, ast.Attribute)
    tokens = (b"mapper",)
    what = (
        "Flags `event.listen(mapper, ...)` / `@event.listens_for(mapper, ...)` with the `mapper` "
        "function as target, and `sa.orm.mapper` kept uncalled for a later `listen(*args)` "
        "(in a tuple, a default, an assignment), with weak evidence."
    )
    why = (
        "The lower-case `mapper` symbol is deprecated in 2.x; mapper-wide events are registered on "
        "the `Mapper` class."
    )
    example = Example(
        before="@event.listens_for(mapper, \"before_insert\")\ndef stamp(mapper, connection, target):\n    pass",
        after="@event.listens_for(Mapper, \"before_insert\")\ndef stamp(mapper, connection, target):\n    pass",
    )
    use_instead = "`from sqlalchemy.orm import Mapper` and pass `Mapper` as the event target."
    fix_safety = "Safe: both targets receive the same events."
    references = ("SQLAlchemy 2.x `orm/events.py` deprecation of the `mapper` event target",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Attribute):
            self._kept(node, ctx)
            return
        assert isinstance(node, ast.Call)
        if not node.args or ctx.qualify(node.func) not in _EVENT_FUNCS:
            return
        if orm_name(node.args[0], ctx, "mapper"):
            ctx.report(self, node.args[0], "`mapper` as an event target is deprecated: use `Mapper`", fix=FixSafety.SAFE)

    def _kept(self, node: ast.Attribute, ctx: FileContext) -> None:
        """`(sa.orm.mapper, "mapper_configured", fn)` handed to `event.listen(*args)` later, or
        `mapper = sa.orm.mapper` as a default target: uncalled, the function is only ever an
        event target (a classical `mapper(cls, table)` call is SQ304's). Weak: the use is elsewhere."""
        if node.attr != "mapper" or not isinstance(node.ctx, ast.Load) or not orm_name(node, ctx, "mapper"):
            return
        if id(node) in _called_or_listened(ctx):
            return
        ctx.report(
            self, node,
            "`sqlalchemy.orm.mapper` kept as an event target is deprecated: use `Mapper`",
            fix=FixSafety.SAFE,
            evidence=Evidence.WEAK,
        )


def _called_or_listened(ctx: FileContext) -> set[int]:
    """ids of `mapper` expressions that are called, or an event function's first argument
    (reported by the call check)."""
    cached = ctx.memo.get(("sq306_called",))
    if isinstance(cached, set):
        return cached
    found: set[int] = set()
    for call in ctx.walk(ctx.tree):
        if isinstance(call, ast.Call):
            found.add(id(call.func))
            if call.args and ctx.qualify(call.func) in _EVENT_FUNCS:
                found.add(id(call.args[0]))
    ctx.memo[("sq306_called",)] = found
    return found


class RelationFunction(Rule):
    id = "SQ307"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_relation")
    name = "relation-function"
    title = "`relation(...)` → `relationship(...)`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.ImportFrom, ast.Call)
    tokens = (b"relation",)
    what = "Flags imports and calls of `sqlalchemy.orm.relation`."
    why = "`relation` was an alias of `relationship`, deprecated in 1.4 and removed in 2.0 (`ImportError`)."
    example = Example(
        before="addresses = relation(\"Address\", backref=\"user\")",
        after="addresses = relationship(\"Address\", backref=\"user\")",
    )
    use_instead = "`relationship` with the same arguments."
    fix_safety = "Safe: the same function under its current name."
    references = ("SQLAlchemy 1.4 `orm/__init__.py`: `relation` deprecated, “Please use relationship()”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ImportFrom):
            if _imported(node, ("sqlalchemy.orm", "sqlalchemy.orm.relationships"), "relation"):
                ctx.report(self, node, "`relation` is removed in 2.0: import `relationship`", fix=FixSafety.SAFE)
            return
        assert isinstance(node, ast.Call)
        if orm_name(node.func, ctx, "relation"):
            ctx.report(self, node, "`relation()` is removed in 2.0: call `relationship()`", fix=FixSafety.SAFE)
