"""SQ404: a raw SQL string passed to `Connection.execute` / `Engine.execute`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import built_sql_span, evidence_of, string_sql, via_for


class RawSqlExecute(Rule):
    id = "SQ404"
    name = "raw-sql-execute"
    title = "use `conn.exec_driver_sql(\"...\")` (or `text()`) for a raw SQL string"
    fix_class = "safe/typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `conn.execute(\"SELECT ...\")`: a plain string given to a Connection or Engine."
    why = (
        "2.0 executes only SQL constructs (`ObjectNotExecutableError`). 1.x sent the string to the "
        "driver untouched, in the driver's paramstyle."
    )
    example = Example(
        before="conn.execute(\"UPDATE t SET v = %s WHERE name LIKE 'a%%'\", (5,))",
        after="conn.exec_driver_sql(\"UPDATE t SET v = %s WHERE name LIKE 'a%%'\", (5,))",
    )
    use_instead = (
        "`Connection.exec_driver_sql()` keeps 1.x semantics exactly (paramstyle, `%%` escaping, "
        "`:word` left alone). `text()` is portable but parses `:name` and escapes `%` itself, "
        "so it is only a drop-in when the string has neither."
    )
    fix_safety = (
        "Safe to `exec_driver_sql` on a known Connection with a literal string; keyword "
        "parameters become one dict. Built SQL (f-strings, `%`, `.format`) is flagged as an "
        "injection risk and never rewritten. On an Engine the fix is manual: `Engine` has no "
        "`exec_driver_sql()`, the call needs a connection first (SQ401)."
    )
    fixer = LazyFixer("sqla_assist.rules._fix_core:fix_raw_sql_execute")
    references = (
        "SQLAlchemy 2.0 migration guide, “execute() method more strict, execution options are more prominent”",
        "SQLAlchemy Core API: `Connection.exec_driver_sql()`",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "execute") or not node.args:
            return
        kind = string_sql(node.args[0], ctx)
        if kind is None:
            return
        fact = ctx.fact(func.value)
        if fact.kind not in (Kind.CONNECTION, Kind.ENGINE):
            return
        evidence = evidence_of(fact)
        if kind != "literal":
            ctx.report(
                self,
                built_sql_span(node.args[0], node, ctx),
                "SQL built from a string template passed to `execute()`: use `text()` with bound "
                "parameters (also closes an injection risk)",
                evidence=evidence,
                key_node=node,
                via=via_for(fact, frozenset({Kind.CONNECTION, Kind.ENGINE})),
            )
            return
        # `Engine` has no `exec_driver_sql()`: the fix for an engine receiver is SQ401's.
        fix = FixSafety.SAFE if fact.kind is Kind.CONNECTION else FixSafety.MANUAL
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            fix = FixSafety.MANUAL
        ctx.report(
            self,
            node,
            "raw SQL string passed to `execute()`: use `exec_driver_sql()` (same semantics) or `text()`",
            fix=fix,
            evidence=evidence,
            via=via_for(fact, frozenset({Kind.CONNECTION, Kind.ENGINE})),
        )
