"""SQ402, SQ403, SQ417–SQ420: Engine/Connection/statement methods removed in 2.0."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._engine_shapes import (
    branch_refusal,
    connectionless_refusal,
    enclosing_statement,
)
from sqla_assist.rules._fixers_a_shapes import implicit_refusal
from sqla_assist.rules._flow import (
    CONN_OR_ENGINE,
    key,
    sa_qual,
    statement_root,
    string_value,
)
from sqla_assist.rules._helpers import evidence_of, via_for

_CONNECTIONLESS = "SQLAlchemy 2.0 migration guide, “Implicit and Connectionless execution, bound metadata removed”"
_ENGINE = frozenset({Kind.ENGINE})


def _whole_statement(call: ast.Call, stmt: ast.stmt | None) -> bool:
    """`f(...)`, `return f(...)` or `name = f(...)`: the call is all the statement does."""
    if isinstance(stmt, ast.Expr | ast.Return):
        return stmt.value is call
    return (
        isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
    )


class EngineScalar(Rule):
    id = "SQ402"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_engine_scalar", statement=True)
    name = "engine-scalar"
    title = "call `scalar()` on a Connection, not on the Engine"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".scalar(",)
    what = "Flags `engine.scalar(...)`."
    why = "Connectionless execution was removed in 2.0; `Engine.scalar` raises `AttributeError`."
    example = Example(
        before="engine = create_engine(url)\nn = engine.scalar(select(func.count()).select_from(users))",
        after=(
            "engine = create_engine(url)\nwith engine.connect() as conn:\n"
            "    n = conn.scalar(select(func.count()).select_from(users))"
        ),
    )
    use_instead = "`with engine.connect() as conn: conn.scalar(stmt)` (`engine.begin()` if the statement writes)."
    fix_safety = "Typed: needs Engine evidence; a writing statement needs `begin()` to be committed."
    references = (_CONNECTIONLESS,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "scalar") or not node.args:
            return
        fact = ctx.fact(func.value)
        if fact.kind is not Kind.ENGINE:
            return
        refusal = connectionless_refusal(node, ctx, scalar=True)
        if refusal is None and string_value(node.args[0]) is not None:
            refusal = "raw SQL: use `conn.exec_driver_sql(sql).scalar()` by hand"
        ctx.report(
            self,
            node,
            "`Engine.scalar()` was removed in 2.0: use `with engine.connect() as conn: conn.scalar(...)`"
            + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, _ENGINE),
        )


class ImplicitExecution(Rule):
    id = "SQ403"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_implicit_execution", statement=True)
    name = "implicit-execution"
    title = "execute statements on a Connection: `stmt.execute()` / `stmt.scalar()` are gone"
    fix_class = "typed/manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(", b".scalar(")
    what = (
        "Flags `.execute()` / `.scalar()` called on a statement itself: `select(...)`, "
        "`table.select()/insert()/update()/delete()`, `text()`, `func.x()`, `DDL()`, `Sequence()`."
    )
    why = (
        "Implicit execution found its engine through bound metadata; both were removed in 2.0 "
        "(`AttributeError: 'Select' object has no attribute 'execute'`). DML executed this way was "
        "also autocommitted."
    )
    example = Example(
        before='result = users.select().execute()\nDDL("CREATE INDEX ix ON t (x)").execute(bind=engine)',
        after=(
            "with engine.connect() as conn:\n    result = conn.execute(users.select()).all()\n"
            'with engine.begin() as conn:\n    conn.execute(DDL("CREATE INDEX ix ON t (x)"))'
        ),
    )
    use_instead = (
        "`conn.execute(stmt)` / `conn.scalar(stmt)` inside `with engine.connect()` (reads) or "
        "`with engine.begin()` (writes); `conn.scalar(Sequence(...))` for sequences."
    )
    fix_safety = (
        "Typed: `DDL(...)` / `CreateTable(...)` executed as a whole statement with a known Engine "
        "(`execute(engine)` / `execute(bind=engine)`) becomes a `with engine.begin()` block (1.x "
        "autocommitted DDL). Everything else is manual: "
        "which engine the metadata was bound to is not in the call, `bind=` on a statement's `execute()` "
        "was a bind parameter, and a 1.x Connection autocommitted DDL."
    )
    references = (
        _CONNECTIONLESS,
        "SQLAlchemy error reference, “This Compiled object is not bound to any Engine or Connection”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("execute", "scalar")):
            return
        found = statement_root(func.value, ctx)
        if found is None:
            return
        what, strong = found
        refusal = implicit_refusal(node, enclosing_statement(node, ctx), ctx)
        sequence = what.startswith("Sequence")
        block = "connect()" if sequence else "begin()" if what.startswith(("DDL", "Create", "Drop")) else "connect() (reads) / begin() (writes)"
        verb = "scalar" if func.attr == "scalar" or sequence else "execute"
        ctx.report(
            self,
            node,
            f"implicit execution `{what}.{func.attr}()` was removed in 2.0: run it with "
            f"`conn.{verb}(...)` in `with engine.{block} as conn:`" + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal or not strong else FixSafety.SAFE,
            evidence=Evidence.STRONG if strong else Evidence.WEAK,
        )


class ConnectionBranching(Rule):
    id = "SQ417"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_branch")
    name = "connection-branching"
    title = "use the Connection itself instead of `conn.connect()` (branching)"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".connect(",)
    what = "Flags `connect()` called on a Connection."
    why = "Branched connections were removed in 2.0 (`AttributeError: 'Connection' object has no attribute 'connect'`)."
    example = Example(
        before="with engine.connect() as conn:\n    branch = conn.connect()\n    branch.execute(stmt)\n    branch.close()",
        after="with engine.connect() as conn:\n    conn.execute(stmt)",
    )
    use_instead = "Use the original connection; delete `branch.close()` calls, which would now close it."
    fix_safety = "Safe with Connection evidence, together with removing the branch's `close()`."
    references = ("SQLAlchemy 1.4 API: `Connection.connect()` deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "connect") or node.args or node.keywords:
            return
        fact = ctx.fact(func.value)
        if fact.kind is not Kind.CONNECTION:
            return
        refusal = branch_refusal(node, ctx)
        ctx.report(
            self,
            node,
            f"`{key(func.value)}.connect()` (branching) was removed in 2.0: use `{key(func.value)}` itself "
            "and drop the branch's `close()`" + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, frozenset({Kind.CONNECTION})),
        )


class TransactionCallable(Rule):
    id = "SQ418"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_transaction_callable", statement=True)
    name = "engine-transaction-callable"
    title = "replace `engine.transaction(fn)` / `run_callable(fn)` with a `with` block"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".transaction(", b".run_callable(")
    what = "Flags `transaction(fn, ...)` and `run_callable(fn, ...)` on an Engine or Connection."
    why = "Both were deprecated in 1.4 and removed in 2.0 (`AttributeError`)."
    example = Example(
        before="engine = create_engine(url)\nresult = engine.transaction(do_work, arg1)",
        after="engine = create_engine(url)\nwith engine.begin() as conn:\n    result = do_work(conn, arg1)",
    )
    use_instead = (
        "`transaction(fn)` → `with engine.begin() as conn: fn(conn, ...)`; `run_callable(fn)` → "
        "`with engine.connect() as conn: fn(conn, ...)` (it never opened a transaction)."
    )
    fix_safety = "Typed: needs Engine/Connection evidence; a `run_callable` that writes also needs a commit (SQ408)."
    references = ("SQLAlchemy 1.4 API: `Engine.transaction()` / `Engine.run_callable()` deprecations",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("transaction", "run_callable")) or not node.args:
            return
        fact = ctx.fact(func.value)
        if fact.kind not in CONN_OR_ENGINE:
            return
        block = "begin()" if func.attr == "transaction" else "connect()"
        first = node.args[0]
        stmt = enclosing_statement(node, ctx)
        if isinstance(first, ast.Starred):
            refusal: str | None = "the callable is not the first positional argument"
        elif fact.kind is Kind.CONNECTION:
            refusal = None if func.attr == "run_callable" else (
                "it began a possibly nested transaction: use `with conn.begin():` at the outermost level"
            )
        elif func.attr == "run_callable":
            refusal = "1.x autocommitted writes inside `fn`: use `with engine.connect() as conn:` and commit where it writes"
        elif _whole_statement(node, stmt):
            refusal = None
        else:
            refusal = "the call is part of a larger expression"
        ctx.report(
            self,
            node,
            f"`{func.attr}(fn)` was removed in 2.0: call the function inside `with engine.{block} as conn:`"
            + (f" ({refusal}; by hand)" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, CONN_OR_ENGINE),
        )


class EngineInspectionMethods(Rule):
    id = "SQ419"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_engine_inspection")
    name = "engine-table-names"
    title = "use `inspect(engine)` instead of `engine.table_names()` / `has_table()` / `Table.exists()`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".table_names(", b".has_table(", b".exists(")
    what = "Flags `table_names()` and `has_table()` on an Engine and `exists()` on a Table."
    why = "These shortcuts were deprecated in 1.4 and removed in 2.0 (`AttributeError`); the Inspector has them."
    example = Example(
        before='engine = create_engine(url)\nnames = engine.table_names()\nfound = engine.has_table("users")',
        after='engine = create_engine(url)\nnames = inspect(engine).get_table_names()\nfound = inspect(engine).has_table("users")',
    )
    use_instead = "`inspect(engine).get_table_names()`, `inspect(engine).has_table(name, schema=...)`."
    fix_safety = "Typed: needs Engine/Table evidence. An Inspector caches; create a fresh one after creating tables."
    references = ("SQLAlchemy Core API: `Inspector.has_table()`, `Inspector.get_table_names()`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("table_names", "has_table", "exists")):
            return
        fact = ctx.fact(func.value)
        if func.attr == "exists":
            if fact.kind is not Kind.TABLE:
                return
            message = "`Table.exists()` was removed in 2.0: use `inspect(engine).has_table(t.name, schema=t.schema)`"
        else:
            if fact.kind not in CONN_OR_ENGINE:
                return
            new = "get_table_names" if func.attr == "table_names" else "has_table"
            message = f"`{func.attr}()` on the Engine was removed in 2.0: use `inspect(engine).{new}(...)`"
        exact = func.attr != "exists" and not any(k.arg == "connection" for k in node.keywords) and (
            func.attr == "table_names" or bool(node.args)
        )
        if not exact:
            message += " (by hand: which engine or connection to inspect)"
        ctx.report(
            self, node, message, fix=FixSafety.SAFE if exact else FixSafety.MANUAL, evidence=evidence_of(fact),
            via=via_for(fact, frozenset({Kind.ENGINE, Kind.TABLE})),
        )


_INSPECTOR = ("sqlalchemy.engine.reflection.Inspector", "sqlalchemy.engine.Inspector", "sqlalchemy.Inspector")


class InspectorLegacy(Rule):
    id = "SQ420"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_inspector")
    name = "inspector-from-engine"
    title = "use `inspect(engine)` and `reflect_table()`"
    fix_class = "safe"
    on_20 = "DEPRECATED/ERROR"
    on_21 = "DEPRECATED/ERROR"
    nodes = (ast.Call,)
    tokens = (b"Inspector", b".reflecttable(")
    what = "Flags `Inspector.from_engine(e)`, `Inspector(e)` and `insp.reflecttable(...)`."
    why = (
        "`Inspector.from_engine()` and the constructor are deprecated since 1.4; `reflecttable` was "
        "renamed `reflect_table` and is gone in 2.0 (`AttributeError`)."
    )
    example = Example(
        before="insp = Inspector.from_engine(engine)\ninsp.reflecttable(t, None)",
        after="insp = inspect(engine)\ninsp.reflect_table(t, None)",
    )
    use_instead = "`sqlalchemy.inspect(engine)`; `Inspector.reflect_table(...)`."
    fix_safety = "Safe: the same Inspector, the same arguments."
    references = ("SQLAlchemy Core API: `sqlalchemy.inspect()` and `Inspector.reflect_table()`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "reflecttable":
            if ctx.fact(func.value).kind is Kind.OTHER:
                return
            ctx.report(self, node, "`reflecttable()` is gone in 2.0: call `reflect_table()`", fix=FixSafety.SAFE)
            return
        if isinstance(func, ast.Attribute) and func.attr == "from_engine":
            if sa_qual(func.value, ctx) in _INSPECTOR:
                exact = len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred)
                ctx.report(
                    self, node, "`Inspector.from_engine(e)` is deprecated: use `inspect(e)`",
                    fix=FixSafety.SAFE if exact else FixSafety.MANUAL,
                )
            return
        if isinstance(func, ast.Name | ast.Attribute) and node.args and sa_qual(func, ctx) in _INSPECTOR:
            exact = len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred)
            ctx.report(self, node, "`Inspector(e)` is deprecated: use `inspect(e)`", fix=FixSafety.SAFE if exact else FixSafety.MANUAL)
