"""SQ207, SQ208, SQ216: what `Session.execute()` accepts, and when it autoflushes."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE, Kind
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._flow import before, key, sa_qual, scope_index
from sqla_assist.rules._helpers import built_sql_span, evidence_of, string_sql, via_for

_EXECUTE = frozenset({"execute", "scalar", "scalars"})
_BIND_KW = ("mapper", "bind", "clause")
_OWN_KW = ("params", "execution_options", "bind_arguments")


class SessionExecuteBindKwargs(Rule):
    id = "SQ207"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_session_bind_kwargs")
    name = "session-execute-bind-kwargs"
    title = "pass `mapper=` / `bind=` / `clause=` to `Session.execute()` inside `bind_arguments={...}`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"mapper=", b"bind=", b"clause=")
    what = "Flags `mapper=`, `bind=` and `clause=` keywords on `Session.execute()`, `.scalar()` and `.scalars()`."
    why = (
        "1.4 treated extra keywords of `Session.execute()` as arguments for `get_bind()`; 2.0 "
        "accepts them only inside `bind_arguments` (`TypeError: ... unexpected keyword argument 'mapper'`)."
    )
    example = Example(
        before="session = Session(engine)\nsession.execute(stmt, params, mapper=User)",
        after="session = Session(engine)\nsession.execute(stmt, params, bind_arguments={'mapper': User})",
    )
    use_instead = "`bind_arguments={\"mapper\": User}` (or `\"bind\"`, `\"clause\"`)."
    fix_safety = (
        "Typed: only on a Session. On a Connection the same keywords are bind *parameters* (SQ405)."
    )
    references = ("SQLAlchemy ORM API: `Session.execute()` `bind_arguments`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _EXECUTE) or not node.keywords:
            return
        names = [k.arg for k in node.keywords if k.arg in _BIND_KW]
        if not names:
            return
        fact = ctx.fact(func.value)
        if fact.kind not in SESSIONLIKE:
            return
        listed = ", ".join(f"`{n}=`" for n in names)
        others = [k.arg for k in node.keywords if k.arg not in _BIND_KW and k.arg not in _OWN_KW]
        message = f"{listed} on `Session.{func.attr}()` raises on 2.0: move into `bind_arguments={{...}}`"
        fix = FixSafety.SAFE
        if None in others or any(k.arg == "bind_arguments" for k in node.keywords):
            fix = FixSafety.MANUAL
            message += " (merge them with the existing `bind_arguments` / `**kwargs` by hand)"
        elif others:
            fix = FixSafety.MANUAL
            message += f" (`{others[0]}=` was a bind argument in 1.4 too, so this call never worked)"
        ctx.report(
            self,
            node,
            message,
            fix=fix,
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


class SessionExecuteString(Rule):
    id = "SQ208"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_session_execute_string")
    name = "session-execute-string"
    title = "wrap raw SQL given to `Session.execute()` in `text()`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(", b".scalar(", b".scalars(")
    what = "Flags a plain string (or f-string / formatted string) passed to `Session.execute()`, `.scalar()` or `.scalars()`."
    why = (
        "2.0 refuses strings as statements (`ArgumentError: Textual SQL expression ... should be "
        "explicitly declared as text(...)`). 1.4's Session already coerced them with `text()`, so "
        "wrapping keeps named `:param` binding exactly."
    )
    example = Example(
        before='session = Session(engine)\nsession.execute("UPDATE users SET active = :a WHERE id = :id", {"a": True, "id": 5})',
        after='session = Session(engine)\nsession.execute(text("UPDATE users SET active = :a WHERE id = :id"), {"a": True, "id": 5})',
    )
    use_instead = "`session.execute(text(\"...\"), params)`; import `text` from `sqlalchemy`."
    fix_safety = (
        "Safe on a known Session with a literal string (unlike Connection, SQ404). SQL built with "
        "f-strings, `%` or `.format` is an injection risk: flagged, never rewritten."
    )
    references = ("SQLAlchemy 2.0 migration guide, “execute() method more strict, execution options are more prominent”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _EXECUTE) or not node.args:
            return
        kind = string_sql(node.args[0], ctx)
        if kind is None:
            return
        fact = ctx.fact(func.value)
        if fact.kind not in SESSIONLIKE:
            return
        if kind != "literal":
            ctx.report(
                self,
                built_sql_span(node.args[0], node, ctx),
                f"SQL built from a string template passed to `Session.{func.attr}()`: use `text()` with "
                "bound parameters (also closes an injection risk)",
                evidence=evidence_of(fact),
                key_node=node,
                via=via_for(fact, SESSIONLIKE),
            )
            return
        ctx.report(
            self,
            node,
            f"raw SQL string passed to `Session.{func.attr}()` raises on 2.0: wrap it in `text()`",
            fix=FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


def _core_statement(arg: ast.expr, ctx: FileContext) -> str | None:
    """'text()' / 'Table.insert()'...: a statement 2.0 did not autoflush before, 2.1 does."""
    if not isinstance(arg, ast.Call):
        return None
    root = arg
    while isinstance(root.func, ast.Attribute) and isinstance(root.func.value, ast.Call):
        root = root.func.value
    qual = sa_qual(root.func, ctx)
    if qual == "sqlalchemy.text":
        return "text()"
    func = root.func
    if isinstance(func, ast.Attribute) and func.attr in ("insert", "update", "delete", "select") and not root.args:
        if ctx.fact(func.value).kind is Kind.TABLE:
            return f"Table.{func.attr}()"
    return None


class AutoflushBeforeText(Rule):
    id = "SQ216"
    name = "autoflush-before-core-statement"
    title = "2.1 autoflushes pending objects before `text()` and Core statements too"
    fix_class = "lint"
    on_20 = "OK"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"text(", b".insert(", b".update(", b".delete(")
    what = (
        "Flags `session.execute(text(...))` / `session.execute(<Table statement>)` that follows "
        "`session.add()` / `add_all()` in the same function with no `flush()` or `commit()` between."
    )
    why = (
        "Up to 2.0 autoflush ran only before ORM statements, so raw SQL did not see pending objects; "
        "2.1 flushes unconditionally. A count or existence check written with `text()` can return "
        "a different answer, without any warning."
    )
    example = Example(
        before=(
            'session.add(User(id=70, name="af"))\n'
            'n = session.execute(text("select count(*) from users where id = 70")).scalar()'
        ),
        after=(
            'session.add(User(id=70, name="af"))\nsession.flush()  # or: with session.no_autoflush:\n'
            'n = session.execute(text("select count(*) from users where id = 70")).scalar()'
        ),
    )
    use_instead = (
        "Decide which answer the code needs: `session.flush()` before the statement to see the "
        "pending rows on every version, or `with session.no_autoflush:` to keep the old result."
    )
    fix_safety = "Lint: detect and explain only."
    references = ("SQLAlchemy 2.1 migration notes, “Session autoflush behavior simplified to be unconditional”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _EXECUTE) or not node.args:
            return
        what = _core_statement(node.args[0], ctx)
        if what is None:
            return
        idx = scope_index(ctx)
        fact = ctx.fact(func.value)
        if fact.kind not in SESSIONLIKE:
            return
        pending = None
        for call in idx.calls.get(key(func.value), []):
            if not before(node, call):
                break
            assert isinstance(call.func, ast.Attribute)
            if call.func.attr in ("add", "add_all", "merge"):
                pending = call
            elif call.func.attr in ("flush", "commit", "rollback", "execute", "scalars", "scalar", "query"):
                if call.func.attr in ("flush", "commit", "rollback") or _core_statement_like_orm(call, ctx):
                    pending = None
        if pending is None:
            return
        ctx.report(
            self,
            node,
            f"`{what}` runs after `.add()` on line {pending.lineno} without a flush: 2.1 autoflushes "
            "first, so the statement now sees the pending object; flush explicitly or use `no_autoflush`",
            evidence=evidence_of(fact),
            via=via_for(fact, SESSIONLIKE),
        )


def _core_statement_like_orm(call: ast.Call, ctx: FileContext) -> bool:
    """An ORM query/execute in between already autoflushed on every version."""
    assert isinstance(call.func, ast.Attribute)
    if call.func.attr == "query":
        return True
    return bool(call.args) and _core_statement(call.args[0], ctx) is None and string_sql(call.args[0], ctx) is None
