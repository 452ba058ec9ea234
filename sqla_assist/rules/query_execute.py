"""SQ127: a legacy `Query` object handed to `Session.execute()`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import session_fact
from sqla_assist.rules._query_family import query_of


class ExecuteQueryObject(Rule):
    id = "SQ127"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_execute_query")
    name = "execute-query-object"
    title = "pass a `select()` (or `query.statement`) to `Session.execute()`, not a `Query`"
    fix_class = "typed"
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `session.execute(<Query>)` where the argument is a `session.query(...)` chain or a Query variable."
    why = (
        "2.0 coerces a Query into its statement with a deprecation warning (“Object ... should "
        "not be used directly in a SQL statement context”); 2.1 removed the coercion and raises "
        "`ObjectNotExecutableError`."
    )
    example = Example(
        before="result = session.execute(session.query(User).filter_by(active=True))",
        after="result = session.execute(select(User).filter_by(active=True))",
    )
    use_instead = "Build a `select()`; the minimal change is `query.statement`."
    fix_safety = (
        "Typed: appending `.statement` is exact when the argument is known to be a Query on a "
        "known Session; a guessed Query is reported only."
    )
    references = ("SQLAlchemy 2.1 changelog, ticket 12218 (automatic coercion of Query removed)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "execute" and node.args):
            return
        arg = node.args[0]
        if not isinstance(arg, ast.Call | ast.Name | ast.Attribute):
            return
        receiver = session_fact(func.value, ctx)
        if receiver is None and ctx.fact(func.value).kind is not Kind.CONNECTION:
            return
        ref = query_of(arg, ctx)
        if ref is None:
            return
        if isinstance(arg, ast.Name) and ref.root is arg and ref.evidence is Evidence.WEAK and not ref.via:
            # A variable that is only *named* like a query is too thin for this rule.
            return
        ctx.report(
            self,
            node,
            "`Session.execute()` given a legacy Query: 2.1 raises `ObjectNotExecutableError`; "
            "pass a `select()` or at least `<query>.statement`",
            fix=FixSafety.SAFE,
            evidence=ref.evidence,
            via=ref.via,
        )
