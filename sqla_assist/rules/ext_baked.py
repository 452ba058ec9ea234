"""SQ801: the baked-query extension, superseded by built-in statement caching."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.rule import Example, Rule

_BAKED = "sqlalchemy.ext.baked"


class BakedQuery(Rule):
    id = "SQ801"
    name = "baked-query"
    title = "drop `sqlalchemy.ext.baked`: plain `select()` statements are cached automatically"
    fix_class = "manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Import, ast.ImportFrom, ast.Call)
    tokens = (b"baked",)
    what = "Flags imports of `sqlalchemy.ext.baked` and calls of `bakery()` / `BakedQuery`."
    why = (
        "Since 1.4 every statement's compiled form is cached, which is what baked queries were "
        "for. The extension is still importable but legacy; its lambda-building style does not "
        "carry over to `select()`."
    )
    example = Example(
        before=(
            "from sqlalchemy.ext import baked\n"
            "bakery = baked.bakery()\n"
            "q = bakery(lambda s: s.query(User))\n"
            'q += lambda q: q.filter(User.id == bindparam("id"))\n'
            "user = q(session).params(id=5).one()"
        ),
        after="user = session.execute(select(User).where(User.id == 5)).scalar_one()",
    )
    use_instead = (
        "Plain `select()` statements (cached automatically); `lambda_stmt()` when building the "
        "statement itself is measurably expensive."
    )
    fix_safety = "Manual: the bakery's incremental lambdas must be folded into one statement by hand."
    references = ("SQLAlchemy 2.0 migration guide, “Baked Query Extension Superseded by built-in caching”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Import):
            if any(a.name == _BAKED or a.name.startswith(_BAKED + ".") for a in node.names):
                self._report(node, ctx)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and (
                node.module == _BAKED
                or (node.module == "sqlalchemy.ext" and any(a.name == "baked" for a in node.names))
            ):
                self._report(node, ctx)
        elif isinstance(node, ast.Call):
            qual = ctx.imports.qualify(node.func)
            if qual in (f"{_BAKED}.bakery", f"{_BAKED}.BakedQuery", f"{_BAKED}.BakedQuery.bakery"):
                ctx.report(
                    self,
                    node,
                    "baked query bakery: build a plain `select()` and execute it; statements are "
                    "cached automatically since 1.4",
                    fix=FixSafety.MANUAL,
                )

    def _report(self, node: ast.AST, ctx: FileContext) -> None:
        ctx.report(
            self,
            node,
            "`sqlalchemy.ext.baked` is superseded by built-in statement caching: replace baked "
            "queries with `select()` (or `lambda_stmt()`)",
            fix=FixSafety.MANUAL,
        )
