"""SQ405–SQ407, SQ425: the parameter shapes and statement kinds `Connection.execute()` accepts."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Fact, Kind
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._flow import CONN_OR_ENGINE, module_index, sa_qual, scope_index
from sqla_assist.rules._helpers import evidence_of, string_sql, via_for

_STRICT = "SQLAlchemy 2.0 migration guide, “execute() method more strict, execution options are more prominent”"
_OPTIONS = frozenset({"execution_options", "bind_arguments", "params"})


def _conn_execute(node: ast.Call, ctx: FileContext) -> Fact | None:
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "execute") or not node.args:
        return None
    fact = ctx.fact(func.value)
    if fact.kind not in CONN_OR_ENGINE:
        return None
    return fact


class ExecuteKwargs(Rule):
    id = "SQ405"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_execute_kwargs")
    name = "execute-kwargs-params"
    title = "pass bind parameters to `Connection.execute()` as one dict, not as keywords"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `conn.execute(stmt, name=value, ...)` and `conn.execute(stmt, **mapping)` on a Connection or Engine."
    why = (
        "2.0's `Connection.execute()` takes parameters as a single dict or a list of dicts only "
        "(`TypeError: ... unexpected keyword argument 'id'`)."
    )
    example = Example(
        before='with engine.connect() as conn:\n    conn.execute(users.insert(), id=10, name="x")',
        after='with engine.connect() as conn:\n    conn.execute(users.insert(), {"id": 10, "name": "x"})',
    )
    use_instead = "`conn.execute(stmt, {\"id\": 10, \"name\": \"x\"})`; a `**mapping` splat becomes the mapping itself."
    fix_safety = "Typed: only on a Connection; on a Session the same keywords are bind arguments (SQ207)."
    references = (_STRICT,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        extra = [k for k in node.keywords if k.arg not in _OPTIONS]
        if not extra:
            return
        fact = _conn_execute(node, ctx)
        if fact is None:
            return
        names = ", ".join("**" + ast.unparse(k.value) if k.arg is None else f"{k.arg}=" for k in extra)
        exact = len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) and len(extra) == len(node.keywords)
        ctx.report(
            self,
            node,
            f"keyword parameters ({names}) to `execute()` raise on 2.0: pass one dict as the second argument"
            + ("" if exact else " (mixed with other arguments: build the dict by hand)"),
            fix=FixSafety.SAFE if exact else FixSafety.MANUAL,
            evidence=evidence_of(fact),
            via=via_for(fact, CONN_OR_ENGINE),
        )


class ExecuteMultipleDicts(Rule):
    id = "SQ406"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_execute_multi")
    name = "execute-multiple-dicts"
    title = "pass several parameter sets to `Connection.execute()` as one list"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `conn.execute(stmt, d1, d2, ...)` and `conn.execute(stmt, *dicts)` on a Connection or Engine."
    why = "2.0 accepts one dict or one list of dicts (`TypeError: ... takes from 2 to 3 positional arguments`)."
    example = Example(
        before='with engine.connect() as conn:\n    conn.execute(users.insert(), {"id": 1, "name": "a"}, {"id": 2, "name": "b"})',
        after='with engine.connect() as conn:\n    conn.execute(users.insert(), [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])',
    )
    use_instead = "`conn.execute(stmt, [d1, d2])`; for a `*rows` splat pass `list(rows)`."
    fix_safety = "Typed: needs Connection evidence; a splatted generator must become a list."
    references = (_STRICT,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        rest = node.args[1:]
        if not rest:
            return
        dicts = len(rest) >= 2 and all(isinstance(a, ast.Dict) for a in rest)
        splat = len(rest) == 1 and isinstance(rest[0], ast.Starred)
        if not (dicts or splat):
            return
        fact = _conn_execute(node, ctx)
        if fact is None:
            return
        shape = f"{len(rest)} dicts" if dicts else f"`{ast.unparse(rest[0])}`"
        raw = string_sql(node.args[0], ctx) is not None
        exact = not node.keywords and not (raw and fact.kind is Kind.ENGINE)
        fix = FixSafety.SAFE if exact else FixSafety.MANUAL
        note = ""
        spread = rest[0].value if splat and isinstance(rest[0], ast.Starred) else None
        if fix is FixSafety.SAFE and spread is not None and not isinstance(spread, ast.List | ast.Tuple | ast.ListComp):
            # `list(rows)` is right only if `rows` holds dicts: the fixer asks first.
            fix = FixSafety.UNSAFE
            note = f"; unsafe to fix automatically: `{ast.unparse(spread)}` is taken to hold dicts"
        ctx.report(
            self,
            node,
            f"{shape} as separate arguments to `execute()` raise on 2.0: pass them as one list{note}",
            fix=fix,
            evidence=evidence_of(fact),
            via=via_for(fact, CONN_OR_ENGINE),
        )


def _positional_params(rest: list[ast.expr]) -> bool:
    if not rest or any(isinstance(a, ast.Starred) for a in rest):
        return False
    if len(rest) == 1:
        arg = rest[0]
        if isinstance(arg, ast.Tuple):
            return True
        if isinstance(arg, ast.List):
            return bool(arg.elts) and all(isinstance(e, ast.Tuple) for e in arg.elts)
        return isinstance(arg, ast.Constant) and arg.value is not None
    return not all(isinstance(a, ast.Dict) for a in rest)


class ExecutePositionalParams(Rule):
    id = "SQ407"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_execute_positional")
    name = "execute-positional-params"
    title = "positional / tuple parameters need `exec_driver_sql()`"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `conn.execute(sql, (1, 2))`, `conn.execute(sql, 1, 2)` and lists of tuples on a Connection or Engine."
    why = (
        "2.0's `execute()` binds named parameters only (`ArgumentError: List argument must consist "
        "only of dictionaries`); positional `?`/`%s` parameters belong to the driver-level API."
    )
    example = Example(
        before='with engine.connect() as conn:\n    conn.execute("INSERT INTO t (a, b) VALUES (?, ?)", 1, 2)',
        after='with engine.connect() as conn:\n    conn.exec_driver_sql("INSERT INTO t (a, b) VALUES (?, ?)", (1, 2))',
    )
    use_instead = "`conn.exec_driver_sql(sql, (1, 2))` (a list of tuples for executemany), or `text()` with named parameters and a dict."
    fix_safety = "Typed: needs Connection evidence and a raw-string statement; constructs take dicts."
    references = (_STRICT,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) < 2 or not _positional_params(node.args[1:]):
            return
        fact = _conn_execute(node, ctx)
        if fact is None:
            return
        exact = string_sql(node.args[0], ctx) == "literal" and fact.kind is Kind.CONNECTION and not node.keywords
        ctx.report(
            self,
            node,
            "positional parameters to `execute()` raise on 2.0: use `exec_driver_sql(sql, (...))` or named parameters in a dict",
            fix=FixSafety.SAFE if exact else FixSafety.MANUAL,
            evidence=evidence_of(fact),
            via=via_for(fact, CONN_OR_ENGINE),
        )


class ExecuteSequence(Rule):
    id = "SQ425"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_execute_sequence")
    name = "execute-sequence"
    title = "use `conn.scalar(Sequence(...))` instead of `conn.execute(Sequence(...))`"
    fix_class = "safe"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"Sequence(",)
    what = "Flags `execute()` of a `Sequence(...)` (a DefaultGenerator) on a Connection or Engine."
    why = "2.x deprecates executing a DefaultGenerator with `.execute()`; `.scalar()` returns the next value directly."
    example = Example(
        before='with engine.connect() as conn:\n    next_id = conn.execute(Sequence("order_seq")).scalar()',
        after='with engine.connect() as conn:\n    next_id = conn.scalar(Sequence("order_seq"))',
    )
    use_instead = "`conn.scalar(Sequence(\"order_seq\"))`."
    fix_safety = "Safe with Connection evidence: drop a trailing `.scalar()` together with the rename."
    references = ("SQLAlchemy 2.0 API: `DefaultGenerator` execution deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.args or not _is_sequence(node.args[0], ctx):
            return
        fact = _conn_execute(node, ctx)
        if fact is None:
            return
        ctx.report(
            self,
            node,
            "executing a `Sequence` with `execute()` is deprecated: use `conn.scalar(Sequence(...))`",
            fix=FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, CONN_OR_ENGINE),
        )


def _is_sequence(arg: ast.expr, ctx: FileContext) -> bool:
    """`Sequence(...)` itself, or a name this function (or the module) binds to one only."""
    if isinstance(arg, ast.Call):
        return sa_qual(arg.func, ctx) == "sqlalchemy.Sequence"
    if not isinstance(arg, ast.Name):
        return False
    fact = ctx.fact(arg)
    if not (fact.kind is Kind.SCHEMA_ITEM and fact.strong):
        return False  # (a Sequence, an Index or a named Enum: which one, the assignment says)
    values = scope_index(ctx).assigned_all.get(arg.id) or module_index(ctx).assigned_all.get(arg.id) or []
    return bool(values) and all(isinstance(v, ast.Call) and sa_qual(v.func, ctx) == "sqlalchemy.Sequence" for v in values)
