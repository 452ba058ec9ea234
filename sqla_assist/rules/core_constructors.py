"""SQ606 / SQ607 / SQ610 / SQ616 / SQ617 / SQ621: Core constructors called the 1.x way.

Lists where 2.0 wants positional elements (`case([...])`, `with_only_columns([...])`,
`exists([...])`), keywords that moved to methods (`union(..., order_by=)`), empty `and_()`,
and the removed standalone `subquery()`.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._sql_shapes import at, is_sa_call

_POSITIONAL = "SQLAlchemy 2.0 migration guide, “select() no longer accepts varied constructor arguments, columns are passed positionally”"
_TABLE = 't = Table("t", MetaData(), Column("x", Integer))\n'
_SET_OPS = (
    "sqlalchemy.union",
    "sqlalchemy.union_all",
    "sqlalchemy.intersect",
    "sqlalchemy.intersect_all",
    "sqlalchemy.except_",
    "sqlalchemy.except_all",
)


class CaseWhenList(Rule):
    id = "SQ606"
    name = "case-when-list"
    title = "pass WHEN pairs to `case()` positionally: `case((cond, val), ...)`, not `case([...])`"
    fix_class = "safe/typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_case_whens")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"case(",)
    what = "Flags `case([(cond, value), ...])` and `case(whens=...)`."
    why = (
        "2.0 takes the WHEN pairs as positional arguments; a list raises `ArgumentError: The "
        "\"whens\" argument to case() ... is now passed as a series of positional elements` and "
        "the `whens=` keyword is gone (`TypeError`)."
    )
    example = Example(
        before=_TABLE + 'expr = case([(t.c.x == 5, "five"), (t.c.x == 7, "seven")], else_="other")',
        after=_TABLE + 'expr = case((t.c.x == 5, "five"), (t.c.x == 7, "seven"), else_="other")',
    )
    use_instead = (
        "Unpack the list into positional pairs. The dictionary form `case({5: \"five\"}, value=col)` "
        "is unchanged; `whens={...}` simply becomes the first positional argument."
    )
    fix_safety = (
        "Safe for a list literal. A variable is starred only when it holds a sequence of pairs "
        "(a dict variable is passed as is), so a variable makes the fix unsafe."
    )
    references = (_POSITIONAL, "SQLAlchemy Core API: `case()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not (node.args or node.keywords) or not is_sa_call(node.func, ctx, "sqlalchemy.case"):
            return
        whens = next((k.value for k in node.keywords if k.arg == "whens"), None)
        if whens is not None:
            literal = isinstance(whens, ast.List | ast.Tuple | ast.ListComp | ast.Dict | ast.DictComp)
            known = literal or ctx.fact(whens).kind is Kind.SEQUENCE
            ctx.report(
                self, at(node), "`case(whens=...)`: pass the WHENs positionally",
                fix=FixSafety.SAFE if known else FixSafety.MANUAL,
            )
            return
        if not node.args:
            return
        first = node.args[0]
        if isinstance(first, ast.List | ast.ListComp):
            ctx.report(self, at(node), "`case()` given a list of WHEN pairs: pass them positionally", fix=FixSafety.SAFE)
        elif isinstance(first, ast.Name) and ctx.fact(first).kind is Kind.SEQUENCE:
            ctx.report(
                self, at(node),
                f"`case({first.id}, ...)`: if `{first.id}` is a list of WHEN pairs, use `case(*{first.id}, ...)`",
                fix=FixSafety.UNSAFE, evidence=Evidence.WEAK,
            )


class EmptyAndOr(Rule):
    id = "SQ607"
    name = "empty-and-or"
    title = "`and_()` / `or_()` with no arguments, or only `*possibly_empty`"
    fix_class = "safe/manual"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_empty_and", keeps_comments=True)
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"and_(", b"or_(")
    what = "Flags `and_()` / `or_()` called with nothing, or with a single starred argument that may be empty."
    why = (
        "An empty conjunction is deprecated (\"Invoking and_() without arguments is deprecated\"). "
        "For `or_` the suggested `or_(false(), *args)` is not equivalent: an empty `or_()` in "
        "`where()` rendered no WHERE (all rows) while `or_(false())` returns no rows."
    )
    example = Example(
        before=_TABLE + "stmt = select(t).where(and_(*conditions))",
        after=_TABLE + "stmt = select(t).where(and_(true(), *conditions))",
    )
    use_instead = (
        "`and_(true(), *conditions)` keeps \"no conditions = all rows\". For `or_`, decide what an "
        "empty list should mean; usually `if conditions: stmt = stmt.where(or_(*conditions))`."
    )
    fix_safety = "Safe for `and_` (`true()` is neutral). `or_` is manual: the only rewrite changes the empty case."
    references = (
        "SQLAlchemy Core API: `and_()` / `or_()` (empty invocation deprecated)",
        "SQLAlchemy 1.4 changelog: “Invoking and_() without arguments is deprecated”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if node.keywords or len(node.args) > 1:
            return
        if node.args:
            only = node.args[0]
            if not isinstance(only, ast.Starred):
                return
            if isinstance(only.value, ast.List | ast.Tuple) and only.value.elts:
                return
        qual = ctx.qualify(node.func)
        if qual not in ("sqlalchemy.and_", "sqlalchemy.or_"):
            return
        fn = qual.rpartition(".")[2]
        what = "no arguments" if not node.args else "only a starred list that may be empty"
        if fn == "and_":
            ctx.report(self, at(node), f"`and_()` with {what}: use `and_(true(), ...)`", fix=FixSafety.SAFE)
        else:
            ctx.report(
                self, at(node),
                f"`or_()` with {what}: `or_(false(), ...)` would return no rows when empty; decide the empty case by hand",
            )


class WithOnlyColumnsList(Rule):
    id = "SQ610"
    name = "with-only-columns-list"
    title = "`with_only_columns([a, b])` → `with_only_columns(a, b)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_first_list")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"with_only_columns",)
    what = "Flags a list or tuple literal passed to `Select.with_only_columns()`."
    why = (
        "2.0 takes the columns positionally: `ArgumentError: The \"entities\" argument to "
        "Select.with_only_columns() ... is now passed as a series of positional elements`."
    )
    example = Example(
        before=_TABLE + "stmt = select(t).with_only_columns([t.c.x])",
        after=_TABLE + "stmt = select(t).with_only_columns(t.c.x)",
    )
    use_instead = "Pass the columns as positional arguments (star a list variable)."
    fix_safety = "Safe: the method name is SQLAlchemy's own and the literal is unpacked as is."
    references = (_POSITIONAL, "SQLAlchemy Core API: `Select.with_only_columns()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "with_only_columns") or not node.args:
            return
        if isinstance(node.args[0], ast.List | ast.Tuple | ast.ListComp):
            ctx.report(self, at(node), "`with_only_columns()` given a list: pass the columns positionally", fix=FixSafety.SAFE)


class SetOpKeywords(Rule):
    id = "SQ616"
    name = "set-operation-keywords"
    title = "`union(s1, s2, order_by=..., limit=...)` → `union(s1, s2).order_by(...).limit(...)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_set_op_kwargs")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"union", b"intersect", b"except_")
    what = "Flags keyword arguments to `union()`, `union_all()`, `intersect()`, `intersect_all()`, `except_()`, `except_all()`."
    why = "2.0 set operations take only the selects: `TypeError: union() got an unexpected keyword argument 'order_by'`."
    example = Example(
        before='u = union(s1, s2, order_by="id", limit=10)',
        after='u = union(s1, s2).order_by("id").limit(10)',
    )
    use_instead = "Chain the generative methods (`.order_by()`, `.limit()`, `.offset()`, `.group_by()`) on the result."
    fix_safety = "Safe: each keyword becomes the method of the same name."
    references = ("SQLAlchemy 1.4 API: `CompoundSelect` keyword arguments deprecated", "SQLAlchemy Core API: `union()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords or not ctx.is_sa(node.func, *_SET_OPS):
            return
        names = [f"{k.arg}=" for k in node.keywords if k.arg]
        fix = FixSafety.SAFE if len(names) == len(node.keywords) else FixSafety.MANUAL
        ctx.report(self, at(node), f"set operation given keyword arguments ({', '.join(names) or '**'}): chain methods instead", fix=fix)


class ExistsList(Rule):
    id = "SQ617"
    name = "exists-list-argument"
    title = "`exists([cols])` → `exists(cols...)` / `exists().where(...)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_first_list")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"exists(",)
    what = "Flags `exists([...])`: the 1.x list calling style inherited from `select()`."
    why = "2.0 `exists()` takes columns positionally: `ArgumentError: Column expression ... expected, got [...]`."
    example = Example(
        before=_TABLE + "e = exists([t.c.x]).where(t.c.x > 5)",
        after=_TABLE + "e = exists(t.c.x).where(t.c.x > 5)",
    )
    use_instead = "Pass the columns positionally, or use `exists().where(...)`; `select(...).exists()` also works."
    fix_safety = "Safe: the list literal is unpacked as is."
    references = (_POSITIONAL, "SQLAlchemy Core API: `exists()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.args or not isinstance(node.args[0], ast.List | ast.Tuple):
            return
        if ctx.is_sa(node.func, "sqlalchemy.exists"):
            ctx.report(self, at(node), "`exists()` given a list: pass the columns positionally", fix=FixSafety.SAFE)


class StandaloneSubquery(Rule):
    id = "SQ621"
    name = "standalone-subquery-function"
    title = "`subquery(name, cols, whereclause)` → `select(cols).where(...).subquery(name)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_standalone_subquery")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"subquery(",)
    what = "Flags calls to the module-level `sqlalchemy.subquery()` function."
    why = "The function was deprecated in 1.4 and removed in 2.0: importing it raises `ImportError`."
    example = Example(
        before="from sqlalchemy.sql.expression import subquery\nsq = subquery('x', [users.c.id], users.c.id > 5)",
        after="sq = select(users.c.id).where(users.c.id > 5).subquery('x')",
    )
    use_instead = "Build the `select()` and call `.subquery(name)` on it."
    fix_safety = "Safe: the arguments map to `select()` columns, `.where()` and the subquery name."
    references = ("SQLAlchemy 1.4 API: `sqlalchemy.sql.expression.subquery()` (deprecated)", "SQLAlchemy Core API: `Select.subquery()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if isinstance(node.func, ast.Attribute) and node.func.attr != "subquery":
            return
        if isinstance(node.func, ast.Name) and ctx.imports.names.get(node.func.id) is None:
            return  # star imports: `subquery` is not in 2.x, so a bare name is the project's own
        if ctx.is_sa(node.func, "sqlalchemy.subquery"):
            ctx.report(self, at(node), "standalone `subquery()` was removed: use `select(...).subquery(name)`", fix=FixSafety.SAFE)

