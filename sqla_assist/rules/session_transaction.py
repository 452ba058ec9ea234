"""SQ204–SQ206, SQ210, SQ215, SQ217, SQ218: Session transaction API that changed or went away."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE, Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_a_shapes import TX_OTHER, TX_SCOPED, transaction_shape
from sqla_assist.rules._flow import before, key, keyword, sa_qual, scope_index, session_ctor
from sqla_assist.rules._helpers import evidence_of, via_for

_MIGRATION_20 = "SQLAlchemy 2.0 migration guide"
# Session methods that start (autobegin) a transaction.
_USES = frozenset(
    {"query", "execute", "scalar", "scalars", "add", "add_all", "delete", "flush", "get", "merge", "refresh", "connection"}
)


class SessionSubtransactions(Rule):
    id = "SQ204"
    name = "session-subtransactions"
    title = "`session.begin(subtransactions=True)` is gone: demarcate at the outermost level"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"subtransactions",)
    what = "Flags `begin(subtransactions=...)` calls."
    why = (
        "2.0 removed subtransactions (`TypeError: ... unexpected keyword argument 'subtransactions'`). "
        "An inner `commit()` used to be a no-op inside an outer transaction; without the flag it "
        "commits everything."
    )
    example = Example(
        before="def method_b(session):\n    session.begin(subtransactions=True)\n    session.add(obj)\n    session.commit()",
        after=(
            "def method_b(session):\n    session.add(obj)\n\n"
            "with Session() as session, session.begin():\n    method_b(session)"
        ),
    )
    use_instead = (
        "Begin once, at the outermost caller (`with Session.begin()`), and remove the inner "
        "begin/commit pairs; or a small helper that calls `session.begin()` only when "
        "`not session.in_transaction()`."
    )
    fix_safety = "Manual: every nested commit/rollback pair has to move, which changes atomicity."
    references = (f"{_MIGRATION_20}, “Session subtransaction behavior removed”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "begin") or keyword(node, "subtransactions") is None:
            return
        fact = ctx.fact(func.value)
        if fact.kind is not None and fact.kind not in SESSIONLIKE and fact.kind is not Kind.CONNECTION:
            return
        ctx.report(
            self,
            node,
            "`begin(subtransactions=True)` raises on 2.0: begin once in the outermost caller and drop "
            "the inner begin/commit pair",
        )


class SessionBeginAfterWork(Rule):
    id = "SQ205"
    name = "session-begin-after-autobegin"
    title = "`session.begin()` after the session already autobegan raises"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".begin(",)
    what = (
        "Flags `session.begin()` (also `with session.begin():`) when the same function already "
        "queried, executed, added or flushed on that session; with weak evidence when the session "
        "is a parameter (whether the caller used it first is not visible here)."
    )
    why = (
        "A Session autobegins on first use; calling `begin()` afterwards raises `InvalidRequestError: "
        "A transaction is already begun on this Session.` (already on 1.4 without autocommit). Code "
        "written for `autocommit=True` did this routinely."
    )
    example = Example(
        before="session = Session(engine)\nuser = session.get(User, 1)\nwith session.begin():\n    user.name = 'x'",
        after="session = Session(engine)\nuser = session.get(User, 1)\nuser.name = 'x'\nsession.commit()",
    )
    use_instead = (
        "Commit the already-running transaction (`session.commit()`), or move `begin()` before "
        "the first use; use `begin_nested()` only when the block must roll back on its own."
    )
    fix_safety = "Manual: where the transaction should start and end is a decision about intent."
    references = (f"{_MIGRATION_20}, “Autocommit mode removed from Session; autobegin support added”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "begin") or node.args or node.keywords:
            return
        idx = scope_index(ctx)
        fact = ctx.fact(func.value)
        if fact.kind not in SESSIONLIKE:
            return
        earlier = [
            c
            for c in idx.calls.get(key(func.value), [])
            if isinstance(c.func, ast.Attribute) and c.func.attr in _USES and before(node, c)
        ]
        if not earlier:
            if isinstance(func.value, ast.Name) and func.value.id in idx.params:
                ctx.report(
                    self,
                    node,
                    f"`{func.value.id}.begin()` on a session received as a parameter raises if the caller "
                    "already used it (autobegin): begin in the outermost caller instead",
                    evidence=Evidence.WEAK,
                    via=via_for(fact, SESSIONLIKE),
                )
            return
        first = earlier[0]
        assert isinstance(first.func, ast.Attribute)
        ends = [
            c
            for c in idx.calls.get(key(func.value), [])
            if isinstance(c.func, ast.Attribute)
            and c.func.attr in ("commit", "rollback", "close")
            and before(node, c)
            and before(c, first)
        ]
        if ends:
            return
        ctx.report(
            self,
            node,
            f"`{key(func.value)}.begin()` after `.{first.func.attr}()` on line {first.lineno}: the session "
            "already autobegan, so this raises; commit instead, or begin before the first use",
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


class SessionTransactionAttr(Rule):
    id = "SQ206"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_session_transaction")
    name = "session-transaction-attribute"
    title = "use `session.get_transaction()` instead of `session.transaction`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Attribute,)
    tokens = (b".transaction",)
    what = "Flags reads of the `transaction` attribute of a Session."
    why = "`Session.transaction` was removed in 2.0 (`AttributeError`); the root transaction is reached through methods now."
    example = Example(
        before="session = Session(engine)\nif session.transaction is not None and session.transaction.nested:\n    pass",
        after="session = Session(engine)\nif session.in_nested_transaction():\n    pass",
    )
    use_instead = (
        "`session.get_transaction()` (root), `session.get_nested_transaction()`, "
        "`session.in_transaction()` / `session.in_nested_transaction()`."
    )
    fix_safety = (
        "Typed: on a known Session, `s.transaction.nested` and `s.transaction is not None and "
        "s.transaction.nested` become `s.in_nested_transaction()` (the same truth value: 1.4's attribute "
        "was the innermost transaction). 1.4's non-future Session also began an empty transaction (no SQL) "
        "when the attribute was read; the call does not. Other uses are manual: `get_transaction()` "
        "returns the root, not the innermost transaction, and never begins one."
    )
    references = ("SQLAlchemy ORM API: `Session.get_transaction()`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Attribute)
        if node.attr != "transaction" or not isinstance(node.ctx, ast.Load):
            return
        fact = ctx.fact(node.value)
        if fact.kind not in SESSIONLIKE:
            return
        shape, target = transaction_shape(node, ctx)
        if shape == "inner":
            return  # reported once, with the `is not None` half of the idiom
        refusal = None
        if fact.kind is Kind.SCOPED_SESSION:
            refusal = TX_SCOPED
        elif shape == "other":
            refusal = TX_OTHER
        elif not _plain(node.value):
            refusal = "the session is an expression, not a name: rewrite by hand"
        advice = "" if refusal else ": use `.in_nested_transaction()`"
        ctx.report(
            self,
            target,
            f"`{key(node.value)}.transaction` was removed in 2.0{advice}" + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


def _plain(expr: ast.expr) -> bool:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name)


class SessionCloseAll(Rule):
    id = "SQ210"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_close_all")
    name = "session-close-all"
    title = "use `close_all_sessions()` instead of `Session.close_all()`"
    fix_class = "safe"
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"close_all(",)
    what = "Flags `Session.close_all()` and `close_all()` on a sessionmaker, scoped_session or Session."
    why = "The classmethod was deprecated in 1.3 and removed in 2.1 (`AttributeError`)."
    example = Example(before="Session.close_all()", after="from sqlalchemy.orm import close_all_sessions\nclose_all_sessions()")
    use_instead = "`sqlalchemy.orm.close_all_sessions()` (for `AsyncSession`, see SQ218)."
    fix_safety = "Safe: the function does what the classmethod did."
    references = ("SQLAlchemy 2.1 changelog, ticket 12441", "SQLAlchemy ORM API: `close_all_sessions()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "close_all") or node.args:
            return
        qual = sa_qual(func.value, ctx)
        if qual is not None:
            if qual != "sqlalchemy.orm.Session":
                return
            evidence = Evidence.STRONG
            via = ""
        else:
            fact = ctx.fact(func.value)
            if fact.kind not in (*SESSIONLIKE, Kind.SESSION_FACTORY):
                return
            evidence, via = evidence_of(fact), via_for(fact, frozenset({Kind.SESSION_FACTORY, *SESSIONLIKE}))
        ctx.report(
            self,
            node,
            "`close_all()` is deprecated and removed in 2.1: call `sqlalchemy.orm.close_all_sessions()`",
            fix=FixSafety.SAFE,
            evidence=evidence,
            via=via,
        )


class JoinExternalTransaction(Rule):
    id = "SQ215"
    name = "session-join-external-transaction"
    title = "use `join_transaction_mode=` instead of the 1.x SAVEPOINT-restart recipe"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef)
    tokens = (b"after_transaction_end",)
    what = (
        "Flags an `after_transaction_end` listener that restarts `begin_nested()`: the 1.3/1.4 "
        "recipe for joining a Session to an external (test) transaction."
    )
    why = (
        "2.0 changed how `commit()`/`rollback()` inside a Session bound to a Connection with a "
        "transaction behave; the old recipe now runs but with different semantics, silently."
    )
    example = Example(
        before=(
            "session = Session(bind=conn)\nnested = conn.begin_nested()\n\n"
            "@event.listens_for(session, 'after_transaction_end')\n"
            "def restart(session, transaction):\n    if not conn.in_nested_transaction():\n        conn.begin_nested()"
        ),
        after="session = Session(bind=conn, join_transaction_mode='create_savepoint')",
    )
    use_instead = "`Session(bind=conn, join_transaction_mode=\"create_savepoint\")` and drop the listener."
    fix_safety = "Manual: the fixture's setup and teardown need to be rewritten together."
    references = (
        "SQLAlchemy 2.0 what's new, “New transaction join modes for Session”",
        "SQLAlchemy ORM docs, “Joining a Session into an External Transaction (such as for test suites)”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Name | ast.Attribute)):
                continue
            name = deco.func.id if isinstance(deco.func, ast.Name) else deco.func.attr
            if name != "listens_for" or len(deco.args) < 2:
                continue
            event = deco.args[1]
            if not (isinstance(event, ast.Constant) and event.value == "after_transaction_end"):
                continue
            if any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "begin_nested"
                for n in ast.walk(node)
            ):
                ctx.report(
                    self,
                    deco,
                    "SAVEPOINT-restart listener from the 1.x test recipe: on 2.0 bind the Session with "
                    "`join_transaction_mode=\"create_savepoint\"` and remove this listener",
                )


class FlushObjects(Rule):
    id = "SQ217"
    name = "session-flush-objects"
    title = "`session.flush(objects)` is deprecated in 2.1: flush everything"
    fix_class = "manual"
    on_20 = "OK"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b".flush(",)
    what = "Flags `flush()` on a Session given a list of objects (positionally or as `objects=`)."
    why = "2.1 deprecates the `objects` parameter of `Session.flush` (ticket 10816)."
    example = Example(before="session = Session(engine)\nsession.flush([user])", after="session = Session(engine)\nsession.flush()")
    use_instead = "`session.flush()`; review whether flushing the other pending objects earlier matters."
    fix_safety = "Manual: a full flush can change ordering and side effects (triggers, defaults, errors)."
    references = ("SQLAlchemy 2.1 changelog, ticket 10816",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "flush"):
            return
        if not node.args and keyword(node, "objects") is None:
            return
        fact = ctx.fact(func.value)
        if fact.kind not in SESSIONLIKE:
            return
        ctx.report(
            self,
            node,
            "`flush(objects)` is deprecated in 2.1: call `flush()` and check that flushing all pending objects is fine",
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


def _is_async_factory(expr: ast.expr, ctx: FileContext) -> bool:
    if isinstance(expr, ast.Name):
        value = _module_assignment(expr.id, ctx)
        return value is not None and _is_async_factory(value, ctx)
    if not isinstance(expr, ast.Call):
        return False
    ctor = session_ctor(expr, ctx)
    if ctor == "async_sessionmaker":
        return True
    if ctor == "sessionmaker":
        cls = keyword(expr, "class_")
        qual = sa_qual(cls.value, ctx) if cls is not None else None
        return qual is not None and qual.endswith(".AsyncSession")
    return False


def _module_assignment(name: str, ctx: FileContext) -> ast.expr | None:
    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            return stmt.value
    return None


class AsyncScopedSession(Rule):
    id = "SQ218"
    name = "asyncio-scoped-session"
    title = "use `async_scoped_session` under asyncio; `close_all_sessions()` for `AsyncSession.close_all()`"
    fix_class = "manual"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"AsyncSession", b"async_sessionmaker")
    what = "Flags `scoped_session(...)` around an `AsyncSession` factory, and `AsyncSession.close_all()`."
    why = (
        "`scoped_session` scopes per thread, which is wrong under asyncio (deprecated since 1.4.23); "
        "`AsyncSession.close_all()` is deprecated in 2.0."
    )
    example = Example(
        before="Session = scoped_session(sessionmaker(class_=AsyncSession, bind=async_engine))",
        after="Session = async_scoped_session(async_sessionmaker(async_engine), scopefunc=current_task)",
    )
    use_instead = (
        "`async_scoped_session(async_sessionmaker(engine), scopefunc=asyncio.current_task)`, and "
        "`await sqlalchemy.ext.asyncio.close_all_sessions()`."
    )
    fix_safety = "Manual: the scope function and where `remove()` is awaited depend on the application."
    references = ("SQLAlchemy asyncio docs, “Using asyncio scoped session”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "close_all":
            if sa_qual(func.value, ctx) == "sqlalchemy.ext.asyncio.AsyncSession":
                ctx.report(
                    self, node,
                    "`AsyncSession.close_all()` is deprecated: `await sqlalchemy.ext.asyncio.close_all_sessions()`",
                )
            return
        if not node.args or session_ctor(node, ctx) != "scoped_session":
            return
        if _is_async_factory(node.args[0], ctx):
            ctx.report(
                self,
                node,
                "`scoped_session` around an AsyncSession factory is deprecated: use "
                "`async_scoped_session(..., scopefunc=asyncio.current_task)`",
            )
