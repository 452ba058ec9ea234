"""SQ802: custom `Query` classes — behaviour that `select()` silently bypasses."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.rule import Example, Rule

_QUERY_CLASSES = frozenset(
    {
        "sqlalchemy.orm.Query",
        "sqlalchemy.ext.horizontal_shard.ShardedQuery",
        "flask_sqlalchemy.BaseQuery",
        "flask_sqlalchemy.query.Query",
    }
)
_KWARGS = frozenset({"query_cls", "query_class"})


class QuerySubclass(Rule):
    id = "SQ802"
    name = "query-subclass"
    title = "move custom Query behaviour to `do_orm_execute` before converting queries to `select()`"
    fix_class = "manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.ClassDef, ast.Call)
    tokens = (b"Query", b"query_cls", b"query_class", b"before_compile")
    what = (
        "Flags subclasses of `Query` (and Flask-SQLAlchemy's `BaseQuery`, `ShardedQuery`), "
        "`query_cls=` / `query_class=` arguments, and `before_compile` event listeners."
    )
    why = (
        "Filters, tenant criteria or caching injected through a Query subclass or a "
        "`before_compile` hook apply only to `session.query()`. A `select()` executed by the "
        "Session bypasses them, so converting call sites with the SQ1xx rules silently drops "
        "that behaviour."
    )
    example = Example(
        before=(
            "class SoftDeleteQuery(Query):\n"
            "    def __iter__(self):\n"
            "        return Query.__iter__(self.filter_by(deleted=False))\n\n"
            "Session = sessionmaker(query_cls=SoftDeleteQuery)"
        ),
        after=(
            '@event.listens_for(Session, "do_orm_execute")\n'
            "def _soft_delete(state):\n"
            "    if state.is_select:\n"
            "        state.statement = state.statement.options(\n"
            "            with_loader_criteria(Model, lambda cls: cls.deleted == False))"
        ),
    )
    use_instead = (
        "A `SessionEvents.do_orm_execute` listener, usually with `with_loader_criteria()`; until "
        "it exists, keep the project's Query call sites on `session.query()`."
    )
    fix_safety = "Manual: the injected behaviour has to be re-expressed as an ORM execute event."
    references = (
        "SQLAlchemy 2.0 migration guide, “Dogpile cache recipe and Horizontal Sharding uses new Session API”",
        "SQLAlchemy ORM guide, “Execute Events” (`do_orm_execute`)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                qual = ctx.imports.qualify(base)
                if qual in _QUERY_CLASSES or (
                    isinstance(base, ast.Attribute) and base.attr in ("Query", "BaseQuery")
                    and isinstance(base.value, ast.Name) and base.value.id == "db"
                ):
                    ctx.report(
                        self,
                        node,
                        f"`{node.name}` subclasses `{ast.unparse(base)}`: its behaviour is not applied "
                        "to `select()`; move it to a `do_orm_execute` listener before converting queries",
                        fix=FixSafety.MANUAL,
                        key_node=base,
                    )
                    return
            return
        assert isinstance(node, ast.Call)
        for kw in node.keywords:
            if kw.arg in _KWARGS and not (isinstance(kw.value, ast.Constant) and kw.value.value is None):
                ctx.report(
                    self,
                    node,
                    f"`{kw.arg}={ast.unparse(kw.value)}`: `select()` statements bypass the custom Query "
                    "class; re-express it with `do_orm_execute` first",
                    fix=FixSafety.MANUAL,
                )
                return
        qual = ctx.imports.qualify(node.func)
        if qual in ("sqlalchemy.event.listen", "sqlalchemy.event.listens_for") and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and name.value == "before_compile":
                ctx.report(
                    self,
                    node,
                    "`before_compile` hooks only run for `session.query()`; use a `do_orm_execute` "
                    "listener so `select()` statements get the same treatment",
                    fix=FixSafety.MANUAL,
                )
