"""SQ601 / SQ602: `select()` called the 1.x way — a list of columns, or constructor keywords."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import REQUIRED
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import SELECT_FN

# Legacy keyword → its generative method (RULES.md SQ602).
LEGACY_KWARGS = {
    "whereclause": "where",
    "from_obj": "select_from",
    "order_by": "order_by",
    "group_by": "group_by",
    "having": "having",
    "distinct": "distinct",
    "limit": "limit",
    "offset": "offset",
    "correlate": "correlate",
    "use_labels": "set_label_style",
    "for_update": "with_for_update",
    "prefixes": "prefix_with",
    "suffixes": "suffix_with",
    "bind": "",
    "autocommit": "",
}
_REFS = (
    "SQLAlchemy 2.0 migration guide, “select() no longer accepts varied constructor arguments, columns are passed positionally”",
    "SQLAlchemy error reference, “select() construct created in legacy mode; keyword arguments, etc.”",
)


def _is_select(node: ast.Call, ctx: FileContext) -> bool:
    return ctx.is_sa(node.func, *SELECT_FN)


class SelectList(Rule):
    id = "SQ601"
    name = "select-list-argument"
    title = "pass columns to `select()` positionally: `select(a, b)`, not `select([a, b])`"
    fix_class = "safe/typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"select(",)
    what = (
        "Flags `select([...])`, `select((...))` and `select(columns=[...])`, also spelled "
        "through Flask-SQLAlchemy's `db.select([...])`."
    )
    why = (
        "2.0 removed the list form: `ArgumentError: Column expression, FROM clause, or other "
        "columns clause element expected, got [...]`."
    )
    example = Example(before="stmt = select([users.c.id, users.c.name])", after="stmt = select(users.c.id, users.c.name)")
    use_instead = "Pass the columns as positional arguments; a variable holding a list is starred."
    fix_safety = (
        "Safe for a list or tuple literal (the SQL is byte-identical). A variable is starred only "
        "when it is provably a list or tuple in the same scope; `select(x)` with one non-list "
        "argument is already 2.0 style and is never touched."
    )
    fixer = LazyFixer("sqla_assist.rules._fix_core:fix_select_list")
    references = _REFS

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not _is_select(node, ctx):
            self._flask_select(node, ctx)
            return
        if node.args:
            first = node.args[0]
            if isinstance(first, ast.List | ast.Tuple):
                if not first.elts:
                    ctx.report(self, node, "`select([])` with an empty list is an error in 2.0 too; fix by hand")
                    return
                ctx.report(self, node, "`select()` given a list of columns", fix=FixSafety.SAFE)
                return
            if isinstance(first, ast.Name) and ctx.fact(first).kind is Kind.SEQUENCE:
                ctx.report(self, node, f"`select({first.id})` where `{first.id}` is a list: use `select(*{first.id})`", fix=FixSafety.SAFE)
                return
        for kw in node.keywords:
            if kw.arg == "columns":
                ctx.report(self, node, "`select(columns=...)`: pass the columns positionally", fix=FixSafety.SAFE)
                return


    def _flask_select(self, node: ast.Call, ctx: FileContext) -> None:
        """`db.select([a, b])`: Flask-SQLAlchemy's `db` hands out SQLAlchemy's `select`. Strong for
        a `SQLAlchemy()` here; for an imported `db`, the gathering pass confirms it."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "select" and isinstance(func.value, ast.Name)):
            return
        if not (node.args and isinstance(node.args[0], ast.List | ast.Tuple) and node.args[0].elts):
            return
        fact = ctx.fact(func.value)
        if fact.kind is Kind.FLASK_DB:
            evidence, via = fact.evidence, ""
        elif func.value.id == "db" and fact.via and not fact.strong:
            evidence, via = Evidence.WEAK, f"{REQUIRED}flask_db@{fact.via}"
        else:
            return
        ctx.report(
            self, node, f"`{func.value.id}.select()` given a list of columns: pass them positionally",
            evidence=evidence, via=via,
        )


class SelectLegacyKeywords(Rule):
    id = "SQ602"
    name = "select-legacy-keywords"
    title = "use generative methods instead of `select(cols, whereclause, order_by=..., ...)`"
    fix_class = "safe/typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"select(",)
    what = "Flags a second positional argument (the WHERE clause) or 1.x keyword arguments to `select()`."
    why = "2.0 accepts only columns: `ArgumentError: Additional keyword arguments are not accepted by this function/method`."
    example = Example(
        before="stmt = select([users.c.id], users.c.id == 5, order_by=[users.c.id], limit=5)",
        after="stmt = select(users.c.id).where(users.c.id == 5).order_by(users.c.id).limit(5)",
    )
    use_instead = (
        "Chain `.where()`, `.select_from()`, `.order_by()`, `.group_by()`, `.having()`, "
        "`.distinct()`, `.limit()`, `.offset()`, `.correlate()`, `.with_for_update()`, "
        "`.prefix_with()`, `.suffix_with()`; `use_labels=True` becomes "
        "`.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`; `bind=` is dropped."
    )
    fix_safety = (
        "Safe when list-typed keywords are literals; a variable given to `order_by=` and friends "
        "is starred only when provably a list, so the fix is unsafe otherwise."
    )
    fixer = LazyFixer("sqla_assist.rules._fix_core:fix_select_kwargs", order=-1)
    references = _REFS

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not _is_select(node, ctx):
            return
        legacy = [kw.arg for kw in node.keywords if kw.arg in LEGACY_KWARGS]
        has_where = len(node.args) >= 2 and isinstance(node.args[0], ast.List | ast.Tuple)
        if not legacy and not has_where:
            return
        if any(kw.arg is None for kw in node.keywords):
            ctx.report(self, node, "`select(**kwargs)` with 1.x keywords: rewrite by hand")
            return
        parts = (["whereclause (2nd positional)"] if has_where else []) + [f"{k}=" for k in legacy if k]
        fix = FixSafety.SAFE
        for kw in node.keywords:
            if kw.arg in ("from_obj", "order_by", "group_by", "distinct", "prefixes", "suffixes"):
                if isinstance(kw.value, ast.Name | ast.Subscript) and ctx.fact(kw.value).kind is not Kind.SEQUENCE:
                    fix = FixSafety.UNSAFE
        dropped = [kw.arg for kw in node.keywords if kw.arg in ("bind", "autocommit")]
        note = ""
        if dropped and fix is FixSafety.SAFE:
            # The fixer drops these (the engine asks first): the statement loses implicit execution.
            fix = FixSafety.UNSAFE
            note = f"; unsafe to fix automatically: `{dropped[0]}=` is dropped, so implicit execution stops working (SQ421/SQ409)"
        ctx.report(self, node, f"`select()` legacy arguments: {', '.join(parts)}{note}", fix=fix)
