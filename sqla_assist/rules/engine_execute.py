"""SQ401: connectionless execution, `engine.execute(...)`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._engine_shapes import connectionless_refusal
from sqla_assist.rules._helpers import evidence_of, via_for


class EngineExecute(Rule):
    id = "SQ401"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_engine_execute", statement=True)
    name = "engine-execute"
    title = "execute on a Connection from `engine.connect()` / `engine.begin()`, not on the Engine"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".execute(",)
    what = "Flags `engine.execute(...)`, including `session.bind.execute(...)` and `metadata.bind.execute(...)`."
    why = (
        "Connectionless execution was removed in 2.0 (`AttributeError: 'Engine' object has no "
        "attribute 'execute'`). It also autocommitted DML, which 2.0 no longer does."
    )
    example = Example(
        before='rows = engine.execute(select(users)).fetchall()\nengine.execute(users.insert(), {"name": "x"})',
        after=(
            "with engine.connect() as conn:\n    rows = conn.execute(select(users)).fetchall()\n"
            'with engine.begin() as conn:\n    conn.execute(users.insert(), {"name": "x"})'
        ),
    )
    use_instead = (
        "`with engine.connect() as conn:` for reads, `with engine.begin() as conn:` for writes "
        "(it commits on success). Consume results inside the block."
    )
    fix_safety = (
        "Typed: needs Engine evidence and a read/write classification of the statement; the "
        "result must be consumed inside the new block."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “Implicit and Connectionless execution, bound metadata removed”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "execute"):
            return
        fact = ctx.fact(func.value)
        if fact.kind is not Kind.ENGINE:
            return
        refusal = connectionless_refusal(node, ctx, scalar=False)
        ctx.report(
            self,
            node,
            "connectionless `Engine.execute()` was removed in 2.0; use `with engine.begin() as conn:`"
            + (f" ({refusal})" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence_of(fact),
            via=via_for(fact, frozenset({Kind.ENGINE})),
        )
