"""SQ410–SQ412, SQ421: bound metadata and everything that found its engine through it."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind, terminal_name
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import REQUIRED
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._engine_shapes import (
    bind_in_scope,
    bound_engine_of,
    construct_bind_refusal,
    metadata_unbind_refusal,
    schema_op_engine,
    table_metadata_arg,
)
from sqla_assist.rules._flow import is_const, keyword, sa_qual
from sqla_assist.rules._helpers import via_for

_BOUND = "SQLAlchemy 2.0 migration guide, “Implicit and Connectionless execution, bound metadata removed”"
_METADATA_NAME = ("metadata", "meta", "md")
_METADATA_KINDS = frozenset({Kind.METADATA})


def _metadata_evidence(expr: ast.expr, ctx: FileContext) -> Evidence | None:
    """Is `expr` a MetaData? strong for a MetaData(...) binding or `<x>.metadata`, weak by name."""
    fact = ctx.fact(expr)
    if fact.kind is Kind.METADATA:
        return fact.evidence
    if fact.kind is not None and fact.kind is not Kind.BASE and fact.evidence is Evidence.STRONG:
        return None
    if isinstance(expr, ast.Attribute) and expr.attr == "metadata":
        owner = ctx.fact(expr.value)
        if owner.kind in (Kind.BASE, Kind.MODEL, Kind.TABLE):
            return Evidence.STRONG
        if owner.kind is Kind.FLASK_DB:
            return None
        return Evidence.WEAK
    name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
    if name.lower() in _METADATA_NAME or name.lower().endswith("_metadata"):
        return Evidence.WEAK
    return None


class BoundMetadata(Rule):
    id = "SQ410"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_unbind_metadata")
    name = "bound-metadata"
    title = "don't bind `MetaData` to an engine: `MetaData(bind=)`, `MetaData(engine)`, `metadata.bind = `"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"MetaData", b".bind")
    what = (
        "Flags `MetaData(bind=engine)`, `MetaData(engine)` (a non-string first argument), "
        "`metadata.bind = engine` and `ThreadLocalMetaData()`."
    )
    why = (
        "2.0 removed bound metadata: `bind=` raises `TypeError`, and the first positional argument is "
        "now `schema`, so `MetaData(engine)` fails with `ArgumentError`. Everything that relied on "
        "the binding (implicit execution, `create_all()`, autoload, unbound Sessions) breaks with it."
    )
    example = Example(before="metadata = MetaData(engine)", after="metadata = MetaData()")
    use_instead = (
        "`MetaData()`, and pass the engine where it is used: `metadata.create_all(engine)`, "
        "`Table(..., autoload_with=engine)`, `sessionmaker(bind=engine)`, `conn.execute(stmt)`."
    )
    fix_safety = "Typed: removing the bind is mechanical, but every implicit use (SQ209, SQ403, SQ411, SQ412) needs the engine."
    references = (_BOUND,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Assign):
            if isinstance(node.value, ast.Constant):
                return  # `metadata.bind = None` unbinds: nothing relies on it afterwards
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "bind":
                    evidence = _metadata_evidence(target.value, ctx)
                    if evidence is not None:
                        ctx.report(
                            self, node,
                            f"`{ast.unparse(target)} = ...` binds metadata, which 2.0 removed: pass the engine where it is used",
                            evidence=evidence,
                        )
            return
        assert isinstance(node, ast.Call)
        func = node.func
        last = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if last not in ("MetaData", "ThreadLocalMetaData"):
            return
        qual = sa_qual(func, ctx)
        if qual == "sqlalchemy.ThreadLocalMetaData":
            ctx.report(self, node, "`ThreadLocalMetaData` was removed in 2.0: use `MetaData()` and pass connections explicitly")
            return
        if qual != "sqlalchemy.MetaData":
            return
        refusal = metadata_unbind_refusal(node, ctx)
        if refusal is None and keyword(node, "bind") is None and len(node.args) != 1:
            refusal = "more positional arguments after the engine: name them by hand"
        fix = FixSafety.MANUAL if refusal else FixSafety.SAFE
        why = f" ({refusal})" if refusal else ""
        if keyword(node, "bind") is not None:
            ctx.report(self, node, "`MetaData(bind=...)` raises on 2.0: drop `bind` and pass the engine where it is used" + why, fix=fix)
        elif node.args and not isinstance(node.args[0], ast.Constant | ast.JoinedStr):
            ctx.report(
                self, node,
                "`MetaData(<engine>)`: on 2.0 the first positional argument is `schema`; drop it and pass the engine where it is used" + why,
                fix=fix,
                evidence=Evidence.STRONG if ctx.fact(node.args[0]).kind is Kind.ENGINE else Evidence.WEAK,
            )


class SchemaOpWithoutBind(Rule):
    id = "SQ411"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_schema_op_bind")
    name = "schema-op-without-bind"
    title = "pass the engine to `create_all()` / `drop_all()` / `reflect()` / `Table.create()`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"create_all(", b"drop_all(", b".reflect(", b".create(", b".drop(")
    what = (
        "Flags `metadata.create_all()`, `drop_all()` and `reflect()` without a bind, and "
        "`table.create()` / `table.drop()` without one."
    )
    why = "Without bound metadata these methods have nowhere to run: 2.0 requires the `bind` argument (`TypeError`)."
    example = Example(
        before="Base = declarative_base()\nBase.metadata.create_all()",
        after="Base = declarative_base()\nBase.metadata.create_all(engine)",
    )
    use_instead = "`metadata.create_all(engine)` (or a Connection), `table.create(engine)`."
    fix_safety = (
        "Typed: the engine has to come from somewhere. Safe when this file binds the metadata to "
        "it; unsafe (a guess) when the enclosing function works with exactly one Session "
        "(`session.get_bind()`), Connection, or reads `db.bind` itself; manual otherwise."
    )
    references = ("SQLAlchemy 1.4 API: schema methods without bind, 2.0 deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute) or node.args or keyword(node, "bind") is not None:
            return
        if any(k.arg is None for k in node.keywords):
            return
        via = ""
        if func.attr in ("create_all", "drop_all", "reflect"):
            evidence = _metadata_evidence(func.value, ctx)
        elif func.attr in ("create", "drop"):
            fact = ctx.fact(func.value)
            evidence = fact.evidence if fact.kind in _CREATABLE else None
            if fact.kind is None and fact.via and not fact.via.startswith(("sqlalchemy", "<")):
                # `foodorder_seq.create()` with the Sequence imported from the models module:
                # kept only if the project shows a Table, Sequence or Index there.
                evidence, via = Evidence.WEAK, REQUIRED + via_for(fact, _CREATABLE)
        else:
            return
        if evidence is None:
            return
        engine = schema_op_engine(node, ctx)
        guess = None if engine else bind_in_scope(node, ctx)
        if engine:
            note, fix = "", FixSafety.SAFE
        elif guess:
            note, fix = f" (the fix passes `{guess}`, a guess from what this function uses: check it is the engine the metadata was bound to)", FixSafety.UNSAFE
        else:
            note, fix = " (which engine is not provable in this file)", FixSafety.MANUAL
        ctx.report(
            self,
            node,
            f"`{func.attr}()` without a bind raises on 2.0: pass the engine or connection, e.g. `{func.attr}(engine)`"
            + note,
            fix=fix,
            evidence=evidence,
            via=via,
        )


_CREATABLE = frozenset({Kind.TABLE, Kind.SCHEMA_ITEM})


class TableAutoload(Rule):
    id = "SQ412"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_table_autoload")
    name = "table-autoload"
    title = "use `Table(..., autoload_with=engine)` instead of `autoload=True`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"autoload",)
    what = "Flags `autoload=` in `Table(...)` and `\"autoload\"` in a declarative class's `__table_args__` dict."
    why = "2.0 removed `autoload` (`TypeError: Additional arguments should be named <dialectname>_<argument>, got 'autoload'`); reflection needs an explicit engine."
    example = Example(
        before='t = Table("t", metadata, autoload=True)',
        after='t = Table("t", metadata, autoload_with=engine)',
    )
    use_instead = "`autoload_with=engine`; in declarative classes `DeferredReflection` or a reflected `Table`."
    fix_safety = "Safe when `autoload_with=` is already there (drop `autoload`); otherwise typed: which engine?"
    references = ("SQLAlchemy 1.4 API: `Table` `autoload` parameter deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Assign):
            if not isinstance(ctx.scope.node, ast.ClassDef) or not isinstance(node.value, ast.Dict):
                return
            if not any(isinstance(t, ast.Name) and t.id == "__table_args__" for t in node.targets):
                return
            if any(isinstance(k, ast.Constant) and k.value == "autoload" for k in node.value.keys):
                ctx.report(self, node, "`__table_args__ = {\"autoload\": ...}` raises on 2.0: use `DeferredReflection` or `autoload_with`")
            return
        assert isinstance(node, ast.Call)
        kw = keyword(node, "autoload")
        if kw is None:
            return
        if sa_qual(node.func, ctx) != "sqlalchemy.Table":
            if terminal_name(node.func) == "Table" and is_const(kw.value, True):
                # A project's `Table` wrapper (buildbot's `sautils.Table(*a, **kw)`) hands the
                # keyword on to SQLAlchemy's.
                ctx.report(
                    self, kw, "`autoload=True` given to a `Table` wrapper raises on 2.0 if it reaches "
                    "SQLAlchemy's `Table`: use `autoload_with=engine`",
                    evidence=Evidence.WEAK,
                )
            return
        if keyword(node, "autoload_with") is not None:
            ctx.report(self, kw, "`autoload=` is gone in 2.0 and redundant next to `autoload_with=`: delete it", fix=FixSafety.SAFE)
        else:
            metadata = table_metadata_arg(node)
            engine = bound_engine_of(metadata, ctx) if metadata is not None and is_const(kw.value, True) else None
            if engine is not None:
                ctx.report(
                    self, kw, f"`autoload=True` raises on 2.0: use `autoload_with={engine}` (the engine its MetaData is bound to)",
                    fix=FixSafety.SAFE,
                )
            else:
                ctx.report(
                    self, kw, "`autoload=True` raises on 2.0: use `autoload_with=engine` (which engine is not provable here)",
                )


_BIND_TAKERS = frozenset(
    {
        "sqlalchemy.text", "sqlalchemy.select", "sqlalchemy.DDL", "sqlalchemy.CreateTable", "sqlalchemy.DropTable",
        "sqlalchemy.CreateIndex", "sqlalchemy.DropIndex", "sqlalchemy.insert", "sqlalchemy.update",
        "sqlalchemy.delete", "sqlalchemy.union", "sqlalchemy.union_all",
    }
)


class ConstructBind(Rule):
    id = "SQ421"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_construct_bind")
    name = "construct-bind"
    title = "don't bind SQL constructs: `bind=` on `text()` / `select()` / DDL / `func.*()` and `stmt.bind`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Attribute)
    tokens = (b"bind",)
    what = (
        "Flags `bind=` passed to `text`, `select`, `insert`/`update`/`delete`, DDL constructs and "
        "`func.*()`, and reading `.bind` of a select or of a MetaData (`metadata.bind is None`)."
    )
    why = (
        "Bound constructs were part of implicit execution, removed in 2.0: the keyword raises "
        "`TypeError`/`ArgumentError` and the attribute `AttributeError`."
    )
    example = Example(
        before='stmt = text("select 1", bind=engine)\nstmt.execute()',
        after='stmt = text("select 1")\nwith engine.connect() as conn:\n    conn.execute(stmt)',
    )
    use_instead = "Drop `bind=` and execute the construct on a Connection from that engine."
    fix_safety = "Typed: dropping the keyword is mechanical; the execution site needs the engine."
    references = (_BOUND,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Attribute):
            if node.attr != "bind" or not isinstance(node.ctx, ast.Load):
                return
            fact = ctx.fact(node.value)
            if fact.kind is Kind.SELECT:
                ctx.report(
                    self, node, "`.bind` of a statement was removed in 2.0: keep the engine yourself",
                    evidence=fact.evidence,
                )
                return
            evidence = _metadata_evidence(node.value, ctx)
            if evidence is not None:
                # `database.metadata.bind is engine`: MetaData has no `bind` on 2.0.
                ctx.report(
                    self, node,
                    "`MetaData.bind` was removed in 2.0 (`AttributeError`): keep the engine yourself, "
                    "or ask the Session (`Session().bind`)",
                    evidence=evidence,
                    via=via_for(fact, _METADATA_KINDS) if evidence is Evidence.WEAK else "",
                )
            return
        assert isinstance(node, ast.Call)
        kw = keyword(node, "bind")
        if kw is None:
            return
        qual = sa_qual(node.func, ctx)
        if qual is None or not (qual in _BIND_TAKERS or qual.startswith("sqlalchemy.func.")):
            return
        name = qual.removeprefix("sqlalchemy.")
        refusal = construct_bind_refusal(node, ctx)
        ctx.report(
            self, kw, f"`{name}(..., bind=...)` raises on 2.0: drop `bind` and execute on a Connection"
            + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
        )
