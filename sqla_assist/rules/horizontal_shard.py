"""SQ806: horizontal sharding's renamed chooser callbacks."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.rule import Example, Rule

_RENAMED = {"query_chooser": "execute_chooser", "id_chooser": "identity_chooser"}
_SHARDED = "sqlalchemy.ext.horizontal_shard.ShardedSession"


class ShardChoosers(Rule):
    id = "SQ806"
    name = "shard-choosers"
    title = "use `execute_chooser=` / `identity_chooser=` instead of `query_chooser=` / `id_chooser=`"
    fix_class = "manual"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"query_chooser", b"id_chooser")
    what = "Flags `query_chooser=` and `id_chooser=` given to `ShardedSession` (or a sessionmaker of it)."
    why = (
        "`horizontal_shard` moved to the 2.0 execution model: shard selection for statements "
        "goes through `execute_chooser(orm_execute_state)` and primary-key lookups through "
        "`identity_chooser(mapper, primary_key, *, lazy_loaded_from, execution_options, bind_arguments, **kw)`. "
        "The old parameters are deprecated."
    )
    example = Example(
        before="from sqlalchemy.ext.horizontal_shard import ShardedSession\n"
        "session = ShardedSession(shard_chooser=shard_chooser, id_chooser=id_chooser, query_chooser=query_chooser, shards=shards)",
        after="from sqlalchemy.ext.horizontal_shard import ShardedSession\n"
        "session = ShardedSession(shard_chooser=shard_chooser, identity_chooser=identity_chooser, execute_chooser=execute_chooser, shards=shards)",
    )
    use_instead = (
        "`execute_chooser=` receiving an `ORMExecuteState` (its `.statement` replaces the Query), "
        "and `identity_chooser=` with the new signature."
    )
    fix_safety = "Manual: the callbacks' signatures differ, so their bodies must be rewritten."
    references = ("SQLAlchemy source, `ext/horizontal_shard.py` (deprecation warnings for the old choosers)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        if not any(kw.arg in _RENAMED for kw in node.keywords):
            return
        qual = ctx.imports.qualify(node.func)
        related = qual == _SHARDED or any(
            ctx.imports.qualify(k.value) == _SHARDED for k in node.keywords if k.arg == "class_"
        )
        if not related and not any(q.startswith("sqlalchemy.ext.horizontal_shard") for q in ctx.imports.names.values()):
            return
        old = [kw.arg for kw in node.keywords if kw.arg in _RENAMED]
        ctx.report(
            self,
            node,
            "deprecated sharding callbacks: "
            + ", ".join(f"`{a}=` → `{_RENAMED[a]}=`" for a in old)
            + " (the new callbacks have different signatures)",
            fix=FixSafety.MANUAL,
            evidence=Evidence.STRONG if related else Evidence.WEAK,
        )
