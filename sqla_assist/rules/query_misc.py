"""SQ126: the rest of the legacy Query API — labels, joinpoints, results plumbing, Bundle flag."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_a_shapes import reset_joinpoint_refusal
from sqla_assist.rules._query_family import query_of

_ADVICE: dict[str, tuple[str, FixSafety, bool]] = {
    # method: (advice, fix, distinctive name)
    "with_labels": ("use `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`", FixSafety.SAFE, False),
    "apply_labels": ("use `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`", FixSafety.SAFE, False),
    "reset_joinpoint": ("delete the call: `select()` has no joinpoints", FixSafety.SAFE, True),
    "enable_assertions": ("delete the call after review: `select()` has no such assertions", FixSafety.MANUAL, True),
    "only_return_tuples": ("run the statement with `session.execute(stmt)` (rows), without `.scalars()`", FixSafety.MANUAL, True),
    "merge_result": ("use `merge_frozen_result(session, stmt, result.freeze())`", FixSafety.MANUAL, True),
    "instances": ("use `session.execute(select(Entity).from_statement(<text or select>))`", FixSafety.MANUAL, False),
    "with_transformation": ("call the function on the `select()`: `fn(stmt)` (it must accept a Select)", FixSafety.MANUAL, True),
    "with_session": ("execute the `select()` with that session instead", FixSafety.MANUAL, False),
    "execute": ("`Query.execute()` no longer exists: run the statement with `session.execute(stmt)`", FixSafety.MANUAL, False),
}


class QueryMiscLegacy(Rule):
    id = "SQ126"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_query_misc")
    name = "query-misc-legacy"
    title = "replace the remaining legacy Query methods (labels, joinpoints, merge_result, instances, ...)"
    fix_class = "safe/manual"
    on_20 = "mixed"
    on_21 = "mixed"
    nodes = (ast.Call,)
    tokens = (
        b"with_labels", b"apply_labels", b"reset_joinpoint", b"enable_assertions", b"only_return_tuples",
        b"merge_result", b".instances(", b"with_transformation", b"with_session", b".execute(", b"single_entity",
    )
    what = (
        "Flags `with_labels()`, `apply_labels()`, `reset_joinpoint()`, `enable_assertions()`, "
        "`only_return_tuples()`, `merge_result()`, `instances()`, `with_transformation()`, "
        "`with_session()` and `execute()` on a Query, and `Bundle(..., single_entity=True)`."
    )
    why = (
        "These Query methods have no one-to-one `select()` counterpart. Most are legacy; "
        "`instances()` is deprecated, `Query.execute()` is gone, and `Bundle(single_entity=True)` "
        "is silently ignored by `select()`."
    )
    example = Example(
        before="q = session.query(User).join(User.addresses, aliased=True).reset_joinpoint().with_labels()",
        after="stmt = select(User).join(User.addresses).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)",
    )
    use_instead = (
        "`set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)` for labels; delete `reset_joinpoint()`; "
        "`merge_frozen_result()` for `merge_result()`; `select(E).from_statement(...)` for "
        "`instances()`; `fn(stmt)` for `with_transformation(fn)`; `session.scalars(select(bundle))` "
        "instead of `single_entity=True`."
    )
    fix_safety = (
        "Safe for `with_labels()` / `apply_labels()` (1.4 defined them as that `set_label_style()` call) "
        "and for `reset_joinpoint()` on a `session.query(...)` chain that ends in a terminal method with "
        "nothing after it that reads the joinpoint (`filter_by`, joins) and no `aliased=`/`from_joinpoint=` "
        "join. Everything else needs a human."
    )
    references = (
        "SQLAlchemy ORM API, legacy `Query` methods",
        "SQLAlchemy 2.0 migration guide, “2.0 Migration - ORM Usage”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _ADVICE:
            advice, fix, distinctive = _ADVICE[func.attr]
            ref = query_of(func.value, ctx, distinctive=distinctive)
            if ref is None:
                return
            refusal = None
            if func.attr in ("with_labels", "apply_labels") and (node.args or node.keywords):
                refusal = "called with arguments: rewrite by hand"
            elif func.attr == "reset_joinpoint":
                refusal = reset_joinpoint_refusal(node, ctx)
            ctx.report(
                self,
                node,
                f"`Query.{func.attr}()`: {advice}" + (f" ({refusal})" if refusal else ""),
                fix=FixSafety.MANUAL if refusal else fix,
                evidence=ref.evidence,
                via=ref.via,
            )
            return
        if node.keywords and ctx.is_sa(func, "sqlalchemy.orm.Bundle"):
            for kw in node.keywords:
                if kw.arg == "single_entity" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    ctx.report(
                        self,
                        node,
                        "`Bundle(..., single_entity=True)` is ignored by `select()`: read it with "
                        "`session.scalars(select(bundle))`",
                    )
