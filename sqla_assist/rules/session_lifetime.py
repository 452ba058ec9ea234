"""SQ211–SQ214: where transactions are demarcated and how long Sessions live."""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE, Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_a_shapes import boilerplate_refusal
from sqla_assist.rules._flow import key, sa_qual, session_ctor
from sqla_assist.rules._helpers import evidence_of, via_for

_SESSION_BASICS = "SQLAlchemy ORM docs, session_basics “When do I construct a Session, when do I commit it, and when do I close it?”"
# Methods that only a Session (among objects usually passed as `session`/`db`) has.
_SESSION_ONLY = frozenset({"add", "add_all", "flush", "merge", "expunge", "refresh", "query", "bulk_save_objects"})


def _method_call(stmt: ast.stmt, method: str) -> ast.expr | None:
    """The receiver of `<recv>.<method>()` when `stmt` is exactly that expression statement."""
    if not isinstance(stmt, ast.Expr):
        return None
    value = stmt.value
    if isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == method:
        return value.func.value
    return None


class CommitRollbackBoilerplate(Rule):
    id = "SQ211"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_session_boilerplate")
    name = "session-try-commit-boilerplate"
    title = "replace try/commit/except/rollback/finally/close with `with Session.begin()`"
    fix_class = "typed"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Try,)
    tokens = (b".rollback(",)
    what = (
        "Flags a `try` whose body ends with `<session>.commit()` and whose handler calls "
        "`<session>.rollback()` and re-raises (with or without `finally: <session>.close()`); "
        "without a fix, also such a `try` that commits inside its body rather than at its end, or "
        "not at all, when its `finally` ends the session (`close()`, `remove()`)."
    )
    why = (
        "`sessionmaker.begin()` / `Session.begin()` as a context manager does exactly this: commit on "
        "success, roll back on an exception, close at the end. The hand-written form is longer and "
        "easy to get subtly wrong."
    )
    example = Example(
        before=(
            "session = SessionLocal()\ntry:\n    session.add(user)\n    session.commit()\n"
            "except Exception:\n    session.rollback()\n    raise\nfinally:\n    session.close()"
        ),
        after="with SessionLocal.begin() as session:\n    session.add(user)",
    )
    use_instead = "`with SessionLocal.begin() as session:` (or `with Session(engine) as session, session.begin():`)."
    fix_safety = (
        "Typed, and only for the exact idiom: `s = SessionLocal()` (a sessionmaker) or `s = Session(...)` "
        "right before the `try`, a body that ends with `s.commit()` and cannot leave early, one handler "
        "that is exactly `s.rollback()` + bare `raise`, and `finally: s.close()`. Without the `close()` "
        "the session outlived the block (objects stayed attached), so that form is left to a human."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “Migration to 2.0 Step Five”",
        "SQLAlchemy ORM docs, “Framing out a begin / commit / rollback block”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Try)
        if not node.body or not node.handlers:
            return
        recv = _method_call(node.body[-1], "commit")
        if recv is None:
            self._commits_inside(node, ctx)
            return
        name = key(recv)
        if not any(key(r) == name for r in _reraising_rollbacks(node)):
            return
        fact = ctx.fact(recv)
        if fact.kind not in SESSIONLIKE:
            return
        closes = [s for s in node.finalbody if (r := _method_call(s, "close")) is not None and key(r) == name]
        tail = " and `close()`" if closes else ""
        refusal, _ = boilerplate_refusal(node, ctx)
        ctx.report(
            self,
            node,
            f"hand-written commit/rollback{tail} around `{name}`: a `with <factory>.begin() as {name}:` "
            "block does the same" + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )

    def _commits_inside(self, node: ast.Try, ctx: FileContext) -> None:
        """sopel's `try: ... session.commit() ... return x / except SQLAlchemyError:
        session.rollback(); raise / finally: self.ssession.remove()`: the same boilerplate with
        the commits inside the body (or none, for reads), which one `begin()` block cannot
        replace as it is. Only with the `finally` that ends the session (`close()`, a scoped
        session's `remove()`): the session-per-call lifetime `with <factory>() as session:`
        replaces."""
        if not any(_method_call(stmt, "close") is not None or _method_call(stmt, "remove") is not None for stmt in node.finalbody):
            return
        commits = {
            key(r)
            for stmt in node.body
            for sub in ast.walk(stmt)
            if isinstance(sub, ast.Expr) and (r := _method_call(sub, "commit")) is not None
        }
        for r in _reraising_rollbacks(node):
            fact = ctx.fact(r)
            if fact.kind not in SESSIONLIKE:
                continue
            name = key(r)
            message = (
                f"hand-written commit/rollback around `{name}`, committing inside the block: use "
                f"`with <factory>() as {name}:` and a `with {name}.begin():` block per unit of work"
            ) if name in commits else (
                f"hand-written rollback and close around `{name}`: `with <factory>() as {name}:` "
                "does the same"
            )
            ctx.report(
                self,
                node,
                message,
                fix=FixSafety.MANUAL,
                evidence=evidence_of(fact),
                via=via_for(fact, SESSIONLIKE),
            )
            return


def _reraising_rollbacks(node: ast.Try) -> list[ast.expr]:
    """Receivers of `<x>.rollback()` in the handlers of `node` that end by re-raising."""
    return [
        r
        for h in node.handlers
        if h.body and isinstance(h.body[-1], ast.Raise)
        for stmt in h.body
        if (r := _method_call(stmt, "rollback")) is not None
    ]


def _session_params(func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext) -> dict[str, Evidence]:
    """Parameters that hold a Session: annotated (strong) or named like one and used like one (weak)."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults, strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
    out: dict[str, Evidence] = {}
    used: set[str] | None = None
    for arg, default in pairs:
        if arg.arg in ("self", "cls"):
            continue
        if isinstance(default, ast.Call):
            # `db: Session = Depends(get_db)`: a framework entry point owns the transaction.
            continue
        fact = ctx.inference.annotation(arg.annotation)
        if fact is not None:
            if fact.kind in SESSIONLIKE:
                out[arg.arg] = Evidence.STRONG
            continue
        if arg.annotation is not None or arg.arg not in ("session", "sess", "db_session", "dbsession"):
            continue
        if used is None:
            used = {
                n.func.value.id
                for n in ast.walk(func)
                if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr in _SESSION_ONLY
                and isinstance(n.func.value, ast.Name)
            }
        if arg.arg in used:
            out[arg.arg] = Evidence.WEAK
    return out


class CommitInHelper(Rule):
    id = "SQ212"
    name = "commit-in-helper"
    title = "let the caller own the transaction: no `commit()` / `rollback()` in helpers that receive a session"
    fix_class = "lint"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef)
    tokens = (b".commit(", b".rollback(")
    what = (
        "Flags a function that receives a Session as a parameter (annotated, or named `session` and "
        "used with Session-only methods) and calls `commit()` or `rollback()` on it. Parameters "
        "with a call default (`Depends(get_db)`) are framework entry points and are skipped, as are "
        "tests and pytest fixtures."
    )
    why = (
        "The 2.0 model begins the transaction at the outermost level and lets helpers just do work. "
        "A helper that commits makes it impossible for the caller to combine several helpers "
        "atomically; subtransactions, which used to paper over this, are gone (SQ204)."
    )
    example = Example(
        before="def create_user(session: Session, name):\n    session.add(User(name=name))\n    session.commit()",
        after=(
            "def create_user(session: Session, name):\n    session.add(User(name=name))\n\n"
            "with Session.begin() as session:\n    create_user(session, 'ed')"
        ),
    )
    use_instead = "Remove the commit from the helper and commit (or `with ...begin():`) in the caller."
    fix_safety = "Lint: moving commits changes atomicity and when other connections see the data."
    references = ("SQLAlchemy 2.0 migration guide, “Session subtransaction behavior removed”", _SESSION_BASICS)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if not ctx.spells(node, b"commit", b"rollback"):
            return
        calls = [
            n
            for n in ctx.walk(node)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("commit", "rollback")
            and isinstance(n.func.value, ast.Name)
            and not n.args
        ]
        if not calls or _is_test_entry(node):
            return
        params = _session_params(node, ctx)
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            assert isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
            evidence = params.get(call.func.value.id)
            if evidence is None:
                continue
            ctx.report(
                self,
                call,
                f"`{node.name}()` receives the session `{call.func.value.id}` and calls "
                f"`.{call.func.attr}()` on it: let the caller own the transaction",
                evidence=evidence,
            )
            return


_TEST_NAME = re.compile(r"test(?:_|[A-Z0-9]|$)")
_TEST_HOOKS = frozenset({"setUp", "tearDown", "asyncSetUp", "asyncTearDown", "setup_method", "teardown_method"})


def _is_test_entry(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A test or fixture is the outermost level of its unit of work, not a helper: pytest tests
    and fixtures that commit on the session they receive were most of SQ212's findings on
    real projects' test suites (sqlalchemy-searchable, freqtrade)."""
    if _TEST_NAME.match(func.name) or func.name in _TEST_HOOKS:
        return True
    for deco in func.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if name in ("fixture", "yield_fixture"):
            return True
    return False


def _module_or_class(ctx: FileContext) -> str | None:
    if ctx.scope is ctx.module_scope:
        return "module"
    if isinstance(ctx.scope.node, ast.ClassDef):
        return "class"
    return None


class LongLivedSession(Rule):
    id = "SQ213"
    name = "module-level-session"
    title = "don't keep a `Session` in a module global or class attribute"
    fix_class = "lint"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Assign, ast.AnnAssign)
    tokens = (b"Session", b"session")
    what = "Flags a module-level or class-level assignment of a Session instance: `Session(...)`, `sessionmaker(...)()`, `<factory>()`."
    why = (
        "With autobegin the first query opens a transaction that stays open (idle in transaction, "
        "holding a pooled connection) until someone commits or closes; the identity map of a "
        "long-lived Session grows without bound."
    )
    example = Example(
        before="session = Session(engine)\n\ndef handler():\n    return session.query(User).all()",
        after=(
            "SessionLocal = sessionmaker(engine)\n\ndef handler():\n    with SessionLocal() as session:\n"
            "        return session.scalars(select(User)).all()"
        ),
    )
    use_instead = "Keep a factory (`sessionmaker`) at module level and open a Session per unit of work: `with SessionLocal() as session:`."
    fix_safety = "Lint: objects become detached when the `with` block ends, so lazy loads after it need review."
    references = (_SESSION_BASICS, "SQLAlchemy ORM docs, session_basics “Auto Begin”")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Assign | ast.AnnAssign)
        value = node.value
        if not isinstance(value, ast.Call):
            return
        where = _module_or_class(ctx)
        if where is None:
            return
        ctor = session_ctor(value, ctx)
        if ctor in ("sessionmaker", "scoped_session", "async_sessionmaker"):
            return
        fact = ctx.fact(value)
        if fact.kind is not Kind.SESSION or fact.evidence is not Evidence.STRONG:
            return
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        ctx.report(
            self,
            node,
            f"`{key(target)}` is a {where}-level Session: it keeps a transaction and connection open "
            "between uses; keep the factory global and open a Session per unit of work",
        )


def _declared_global(target: ast.expr, ctx: FileContext) -> bool:
    """`global Session` then `Session = scoped_session(...)` inside a configure function."""
    func = ctx.scope.node
    if not isinstance(target, ast.Name) or not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return any(isinstance(n, ast.Global) and target.id in n.names for n in ast.walk(func))


class ScopedSessionGlobal(Rule):
    id = "SQ214"
    name = "scoped-session-global"
    title = "review `scoped_session` globals: lifetime and `remove()` at the end of each request"
    fix_class = "lint"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Assign, ast.AnnAssign)
    tokens = (b"scoped_session",)
    what = "Flags a module-level `x = scoped_session(...)`, also when assigned to a `global` name inside a setup function."
    why = (
        "`scoped_session` is not legacy, and it proxies `execute`/`scalars`/`get`, so the SQ1xx "
        "rewrites apply through it. What needs review is the lifetime: a thread-local Session "
        "keeps its transaction until `remove()` is called, typically at request teardown."
    )
    example = Example(
        before="db_session = scoped_session(sessionmaker(bind=engine))\nusers = db_session.query(User).all()",
        after="db_session = scoped_session(sessionmaker(bind=engine))\nusers = db_session.scalars(select(User)).all()\n# and call db_session.remove() at request teardown",
    )
    use_instead = "Keep it, but make sure every request/task ends with `db_session.remove()`; under asyncio use `async_scoped_session` (SQ218)."
    fix_safety = "Lint: nothing to rewrite here."
    references = ("SQLAlchemy ORM docs, “Contextual/Thread-local Sessions”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Assign | ast.AnnAssign)
        if not isinstance(node.value, ast.Call):
            return
        if sa_qual(node.value.func, ctx) != "sqlalchemy.orm.scoped_session":
            return
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        if ctx.scope is not ctx.module_scope and not _declared_global(target, ctx):
            return
        ctx.report(
            self,
            node,
            f"`{key(target)}` is a global `scoped_session`: check that `{key(target)}.remove()` runs at "
            "the end of every request or task",
        )
