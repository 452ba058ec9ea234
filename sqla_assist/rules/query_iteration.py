"""SQ108: iterating, indexing or slicing a Query instead of executing a `select()`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._query_family import QueryRef, query_of
from sqla_assist.rules._selection_agree import (
    UNSAFE_NOTE,
    chain_blocker,
    report_selecting,
    settle_selection,
)

_MATERIALISERS = frozenset({"list", "tuple", "set", "sorted", "len", "enumerate"})


def _negative(node: ast.expr | None) -> bool:
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)


class QueryIteration(Rule):
    id = "SQ108"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_iteration")
    name = "query-iteration"
    title = "iterate `session.scalars(select(...))`, and use `.slice()` / `.limit()` instead of `query[...]`"
    fix_class = "typed/manual"
    on_20 = "LEGACY/ERROR"
    on_21 = "LEGACY/ERROR"
    nodes = (ast.For, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.Subscript, ast.Call)
    tokens = (b"query",)
    local_tokens = False  # the evidence is in other statements
    what = (
        "Flags a Query used as the iterable of a `for` loop or comprehension, passed to "
        "`list()` / `tuple()` / `len()` and friends, or indexed / sliced."
    )
    why = (
        "Iterating a Query executes it: in 2.0 style that is `Session.scalars(select(...))` (one "
        "entity) or `Session.execute(...)` (rows). Negative indexes used to fetch the whole result; "
        "2.0 raises `IndexError: negative indexes are not accepted by SQL index / slice operators`."
    )
    example = Example(
        before=(
            "for u in session.query(User).filter(User.active):\n    print(u)\n"
            "first_three = session.query(User).order_by(User.id)[0:3]"
        ),
        after=(
            "for u in session.scalars(select(User).where(User.active)):\n    print(u)\n"
            "first_three = session.scalars(select(User).order_by(User.id).slice(0, 3)).all()"
        ),
    )
    use_instead = (
        "Iterate `session.scalars(stmt)` (or `session.execute(stmt)` for rows); `q[a:b]` becomes "
        "`.slice(a, b)`, `q[i]` becomes `.offset(i).limit(1)` plus `.first()` / `.one()`; a negative "
        "index needs the ordering reversed."
    )
    fix_safety = (
        "Typed: entity vs column results decide `scalars` vs `execute`. `q[i]` raised `IndexError` "
        "on an empty result where `.first()` returns None. Negative indexes are manual."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “ORM Query Unified with Core Select”",
        "SQLAlchemy source, `orm/util.py` `_getitem` (negative index deprecation)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.For):
            self._iterable(node.iter, ctx, "iterating")
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            # Only the first iterable is evaluated in the enclosing scope, where `ctx` is now.
            self._iterable(node.generators[0].iter, ctx, "iterating")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _MATERIALISERS and len(node.args) == 1:
                self._iterable(node.args[0], ctx, f"`{func.id}()` of")
        elif isinstance(node, ast.Subscript):
            self._subscript(node, ctx)

    def _iterable(self, expr: ast.expr, ctx: FileContext, how: str) -> None:
        if not isinstance(expr, ast.Call | ast.Name):
            return
        ref = query_of(expr, ctx, helpers=True)
        if ref is None or (isinstance(expr, ast.Name) and ref.evidence is not Evidence.STRONG and not ref.via):
            return
        self._report(
            expr,
            ref,
            ctx,
            f"{how} a Query: use `session.scalars(select(...))` for one entity, "
            "`session.execute(select(...))` for rows"
            + ("; the helper builds the Query: convert it (to return a `select()`) first" if ref.helper else ""),
            FixSafety.MANUAL if ref.helper else FixSafety.SAFE,
        )

    def _subscript(self, node: ast.Subscript, ctx: FileContext) -> None:
        if not isinstance(node.value, ast.Call | ast.Name) or isinstance(node.ctx, ast.Store | ast.Del):
            return
        index = node.slice
        if isinstance(index, ast.Tuple | ast.Constant) and not (
            isinstance(index, ast.Constant) and isinstance(index.value, int)
        ):
            return
        ref = query_of(node.value, ctx)
        if ref is None or (isinstance(node.value, ast.Name) and ref.evidence is not Evidence.STRONG and not ref.via):
            return
        if isinstance(index, ast.Slice):
            if _negative(index.lower) or _negative(index.upper):
                self._negative(node, ref, ctx)
                return
            lo = ast.unparse(index.lower) if index.lower else "0"
            hi = ast.unparse(index.upper) if index.upper else None
            advice = f"`.slice({lo}, {hi})`" if hi else f"`.offset({lo})`"
            self._report(node, ref, ctx, f"slicing a Query: use {advice} on the `select()` and `.all()`", FixSafety.SAFE)
            return
        if _negative(index):
            self._negative(node, ref, ctx)
            return
        self._report(
            node,
            ref,
            ctx,
            f"indexing a Query: use `.offset({ast.unparse(index)}).limit(1)` and `.first()` "
            "(or `.one()` to keep the IndexError-like failure on no row)",
            FixSafety.SAFE,
        )

    def _negative(self, node: ast.Subscript, ref: QueryRef, ctx: FileContext) -> None:
        self._report(
            node,
            ref,
            ctx,
            "negative index on a Query raises IndexError on 2.0: reverse the ORDER BY and use "
            "`.limit(1)` / `.first()`",
            FixSafety.MANUAL,
        )

    def _report(self, node: ast.AST, ref: QueryRef, ctx: FileContext, message: str, fix: FixSafety) -> None:
        held = node.value if isinstance(node, ast.Subscript) else node
        if fix is FixSafety.SAFE and isinstance(held, ast.Name):
            # The fixer rewrites a Query where it is built; a variable is SQ109's to convert
            # together with its build (and its fix carries this use along).
            fix = FixSafety.MANUAL
            message += " (the Query is held in a variable: convert it where it is built, see SQ109)"
        if fix is FixSafety.SAFE:
            # Offer the fix where `fix_query_iteration` takes it; otherwise say why (or that it guesses).
            why = chain_blocker(ref.root, ref.links) or _index_blocker(node)
            if why:
                fix, message = FixSafety.MANUAL, f"{message}; not fixed automatically: {why}"
            elif _guessed_bound(node):
                fix, message = FixSafety.UNSAFE, f"{message}; {UNSAFE_NOTE}: a slice bound is taken to be non-negative"
        args = list(ref.root.args) if isinstance(ref.root, ast.Call) else []
        report_selecting(self, ctx, node, message, args, fix=fix, evidence=ref.evidence, via=ref.via)

    # The entity-or-column question may rest on names from other modules (`_selection_agree`).
    settle_project = staticmethod(settle_selection)


def _index_blocker(node: ast.AST) -> str | None:
    """The subscripts `fix_query_iteration` refuses: a stepped slice, a non-literal index."""
    if not isinstance(node, ast.Subscript):
        return None
    index = node.slice
    if isinstance(index, ast.Slice):
        return "a slice with a step fetched every row in Python: rewrite by hand" if index.step else None
    if not (isinstance(index, ast.Constant) and isinstance(index.value, int)):
        return "a Query indexed with a non-literal: a negative index raises on 2.x; use `.offset(i).limit(1)` by hand"
    return None


def _guessed_bound(node: ast.AST) -> bool:
    """A slice bound that is not an integer literal: the fixer assumes it is not negative."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)):
        return False
    return any(
        b is not None and not (isinstance(b, ast.Constant) and isinstance(b.value, int))
        for b in (node.slice.lower, node.slice.upper)
    )
