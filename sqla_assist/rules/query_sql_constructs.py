"""SQ117–SQ120: Query methods whose `select()` equivalents build SQL constructs.

`exists()`, `subquery()` / `cte()` / `statement` / `label()`, the set operations and
`from_statement()`: all of them have a direct `Select` counterpart and need no Session.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._query_family import QueryMethodRule, QueryRef, method_name, query_of
from sqla_assist.rules._selection_agree import chain_blocker, settle_selection

_QUERY_DOC = "SQLAlchemy ORM API, `Query` method docstrings (“v2 comparable / equivalent method”)"


class QueryExists(QueryMethodRule):
    id = "SQ117"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_exists")
    name = "query-exists"
    title = "use `select(...).exists()` instead of `Query.exists()`"
    methods = frozenset({"exists"})
    tokens = (b".exists(",)
    what = "Flags `Query.exists()`, usually wrapped as `session.query(q.exists()).scalar()`."
    why = "`Query.exists()` is legacy; `Select.exists()` builds the same EXISTS construct."
    example = Example(
        before="found = session.query(session.query(User).filter(User.id == 1).exists()).scalar()",
        after="found = session.scalar(select(select(User).where(User.id == 1).exists()))",
    )
    use_instead = (
        "`select(<entity>).where(...).exists()` and run it with "
        "`session.scalar(select(<exists>))`, or `select(exists().where(...))`."
    )
    fix_safety = "Typed: the outer `session.query(...).scalar()` must be converted with it."
    references = (_QUERY_DOC,)

    def accepts(self, node: ast.Call) -> bool:
        return not node.args and not node.keywords

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        message = (
            "`Query.exists()`: build `select(...).where(...).exists()` and run "
            "`session.scalar(select(<that>))`"
        )
        why = chain_blocker(ref.root, ref.links)  # what `fix_query_exists` converts, or why not
        if why:
            return f"{message}; not fixed automatically: {why}", FixSafety.MANUAL
        return message, FixSafety.SAFE


_CONSTRUCT_ADVICE = {
    "subquery": "`select(...).subquery()`",
    "cte": "`select(...).cte()`",
    "scalar_subquery": "`select(...).scalar_subquery()`",
    "as_scalar": "`select(...).scalar_subquery()` (`as_scalar()` is deprecated)",
    "label": "`select(...).label(name)`",
}


class QueryToConstruct(Rule):
    id = "SQ118"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_construct")
    name = "query-subquery-statement"
    title = "build SQL constructs from `select()`: `subquery()`, `cte()`, `scalar_subquery()`, `label()`, no `.statement`"
    fix_class = "safe/typed"
    on_20 = "LEGACY/DEPRECATED"
    on_21 = "LEGACY/DEPRECATED"
    nodes = (ast.Call, ast.Attribute)
    tokens = (b"subquery(", b".cte(", b".as_scalar(", b".label(", b".statement", b".selectable")
    what = (
        "Flags `subquery()`, `cte()`, `scalar_subquery()`, `as_scalar()` and `label()` called on a "
        "Query, and the `.statement` / `.selectable` attributes of a Query."
    )
    why = (
        "A Query used only to produce SQL (a subquery, a CTE, a statement) can be a `select()` "
        "directly; no Session is needed. `Query.as_scalar()` is deprecated."
    )
    example = Example(
        before=(
            'sq = session.query(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()\n'
            "stmt = session.query(User).filter(User.id > 5).statement"
        ),
        after=(
            'sq = select(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()\n'
            "stmt = select(User).where(User.id > 5)"
        ),
    )
    use_instead = (
        "Write the `select()` and call the same method on it; `.statement` is just the `select()`. "
        "`subquery(with_labels=True)` becomes `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)` "
        "before `.subquery()`, `reduce_columns=True` becomes `.reduce_columns()`."
    )
    fix_safety = (
        "Safe for `.statement` and a bare chain; typed when the chain's receiver is only guessed "
        "to be a Session."
    )
    references = (_QUERY_DOC, "SQLAlchemy 2.0 migration guide, “ORM Query Unified with Core Select”")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Attribute):
            if node.attr not in ("statement", "selectable"):
                return
            ref = query_of(node.value, ctx)
            if ref is None:
                return
            message = f"`Query.{node.attr}`: write the `select()` itself instead of building a Query"
            why = chain_blocker(ref.root, ref.links)
            ctx.report(
                self,
                node,
                f"{message}; not fixed automatically: {why}" if why else message,
                fix=FixSafety.MANUAL if why else FixSafety.SAFE,
                evidence=ref.evidence,
                via=ref.via,
            )
            return
        assert isinstance(node, ast.Call)
        name = method_name(node)
        if name not in _CONSTRUCT_ADVICE:
            return
        ref = query_of(node.func.value, ctx)  # type: ignore[attr-defined]
        if ref is None:
            return
        extra = ""
        for kw in node.keywords:
            if kw.arg == "with_labels":
                extra = "; `with_labels=True` → `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)` first"
            elif kw.arg == "reduce_columns":
                extra = "; `reduce_columns=True` → `.reduce_columns()` first"
        message = f"`Query.{name}()`: use {_CONSTRUCT_ADVICE[name]}{extra}"
        why = chain_blocker(ref.root, ref.links) or _construct_blocker(node, name)
        ctx.report(
            self,
            node,
            f"{message}; not fixed automatically: {why}" if why else message,
            fix=FixSafety.MANUAL if why else FixSafety.SAFE,
            evidence=ref.evidence,
            via=ref.via,
        )


def _construct_blocker(node: ast.Call, name: str) -> str | None:
    """Why `fix_query_construct` would refuse the call's own arguments, or None (same words)."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return f"`.{name}(*...)`: rewrite by hand"
    if name == "subquery":
        kept_positional = bool(node.args)
        kept_keyword = False
        for kw in node.keywords:
            if kw.arg in ("with_labels", "reduce_columns"):
                if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
                    return f"`{kw.arg}=` is not a literal True/False: rewrite by hand"
            elif kw.arg == "name":
                kept_keyword = True
            else:
                return f"`subquery({kw.arg}=...)` has no `Select.subquery()` equivalent"
        if kept_positional and kept_keyword:
            return "`subquery()` arguments mixed after removing flags: rewrite by hand"
    elif name not in ("as_scalar", "cte", "label", "scalar_subquery"):
        return f"no rewrite for `.{name}()`"
    return None


_SET_OPS = ("union", "union_all", "intersect", "intersect_all", "except_", "except_all")


class QuerySetOperations(QueryMethodRule):
    id = "SQ119"
    # Before SQ101–SQ105 on the same terminal: this one knows the set operation.
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_set_operation", order=-1)
    name = "query-union"
    title = "use `union(stmt1, stmt2)` (and friends) instead of `Query.union()`"
    methods = frozenset(_SET_OPS)
    tokens = (b".union", b".intersect", b".except_")
    what = "Flags `union()`, `union_all()`, `intersect()`, `intersect_all()`, `except_()`, `except_all()` on a Query."
    why = (
        "The set operations of the legacy Query wrap the compound SELECT and re-map rows to "
        "entities. `session.execute(union(...))` returns plain column rows, not entities."
    )
    example = Example(
        before="users = session.query(User).filter(User.id == 1).union(session.query(User).filter(User.id == 2)).all()",
        after=(
            "u = union(select(User).where(User.id == 1), select(User).where(User.id == 2))\n"
            "users = session.scalars(select(User).from_statement(u)).all()"
        ),
    )
    use_instead = (
        "`union(stmt1, stmt2)` (`union_all`, `intersect`, `except_`, ...). For entity results "
        "use `select(Entity).from_statement(u)` or `aliased(Entity, u.subquery())`; the aliased "
        "form is needed when more filtering or ordering follows."
    )
    fix_safety = "Typed: entity vs column results decide the rewrite."
    references = (_QUERY_DOC, "SQLAlchemy Core API, `union()`")

    def accepts(self, node: ast.Call) -> bool:
        return bool(node.args)

    def check(self, node: ast.AST, ctx: FileContext, at: ast.AST | None = None) -> None:
        # Reported on the terminal that runs the set operation, when there is one (as SQ120).
        assert isinstance(node, ast.Call)
        inner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if (
            method_name(node) in _FROM_STATEMENT_TERMINALS
            and not node.args
            and not node.keywords
            and isinstance(inner, ast.Call)
            and method_name(inner) in _SET_OPS
        ):
            super().check(inner, ctx, at=node)
            return
        if method_name(node) in _SET_OPS and id(node) in _run_by_terminal(ctx, frozenset(_SET_OPS)):
            return
        super().check(node, ctx)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        name = method_name(node)
        message = (
            f"`Query.{name}()`: use `{name}(stmt, ...)` on `select()` statements; for "
            "entities wrap it in `select(Entity).from_statement(...)` or `aliased(Entity, u.subquery())`"
        )
        why = _set_operation_blocker(node, ref, ctx)
        if why:
            return f"{message}; not fixed automatically: {why}", FixSafety.MANUAL
        return message, FixSafety.SAFE

    def selecting(self, node: ast.Call, ref: QueryRef) -> list[ast.expr] | None:
        return list(ref.root.args) if isinstance(ref.root, ast.Call) else None

    settle_project = staticmethod(settle_selection)


# The member links `_fix_query_more.fix_set_operation` carries into each `select()`.
_SET_MEMBER_LINKS = frozenset({"filter", "where", "filter_by", "join", "outerjoin"})


def _member(expr: ast.expr) -> tuple[ast.expr, list[ast.Call]]:
    """A set operation member as (root, links): the root is `<session>.query(...)` when written here."""
    links: list[ast.Call] = []
    while isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr != "query":
        links.append(expr)
        expr = expr.func.value
    return expr, links[::-1]


def _set_operation_blocker(node: ast.Call, ref: QueryRef, ctx: FileContext) -> str | None:
    """Why `fix_set_operation` would refuse this set operation, or None (same checks, same words)."""
    if id(node) not in _run_by_terminal(ctx, frozenset(_SET_OPS)):
        return "the set operation is not run by a terminal here: convert it where it is executed"
    op = method_name(node)
    if not node.args or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        return f"`.{op}()` with keyword or starred arguments: rewrite by hand"
    sessions: set[str] = set()
    for member in [node.func.value, *node.args]:  # type: ignore[attr-defined]
        root, links = _member(member)
        why = chain_blocker(root, links)
        if why:
            return why
        bad = [m for m in (method_name(c) for c in links) if m not in _SET_MEMBER_LINKS]
        if bad:
            return f"`.{bad[0]}()` inside a set operation member: rewrite the union by hand"
        assert isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute)
        sessions.add(ast.unparse(root.func.value))
    if len(sessions) > 1:
        return "the queries of the set operation use different sessions"
    return None


class QueryFromStatement(QueryMethodRule):
    id = "SQ120"
    # Before SQ101–SQ105 on the same terminal: this one knows `from_statement()`.
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_from_statement", order=-1)
    name = "query-from-statement"
    title = "use `select(Entity).from_statement(...)` instead of `Query.from_statement()`"
    methods = frozenset({"from_statement"})
    distinctive = True
    tokens = (b"from_statement",)
    what = "Flags `Query.from_statement(text_or_select)`."
    why = "Legacy Query API; `Select.from_statement()` loads entities from a `text()` or other statement the same way."
    example = Example(
        before='users = session.query(User).from_statement(text("select * from users")).all()',
        after='users = session.scalars(select(User).from_statement(text("select * from users"))).all()',
    )
    use_instead = "`session.scalars(select(Entity).from_statement(stmt))` (or `execute` for several entities)."
    fix_safety = "Typed: Session receiver and entity-vs-rows decide the execution call."
    references = ("SQLAlchemy 2.0 migration guide, “2.0 Migration - ORM Usage” (`from_statement` row)",)

    def check(self, node: ast.AST, ctx: FileContext, at: ast.AST | None = None) -> None:
        # Reported on the terminal that runs it (`....from_statement(t).all()`) when there is
        # one: the fix rewrites the execution call and the statement together.
        assert isinstance(node, ast.Call)
        inner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if (
            method_name(node) in _FROM_STATEMENT_TERMINALS
            and not node.args
            and not node.keywords
            and isinstance(inner, ast.Call)
            and method_name(inner) == "from_statement"
        ):
            super().check(inner, ctx, at=node)
            return
        if method_name(node) == "from_statement" and id(node) in _run_by_terminal(ctx, frozenset({"from_statement"})):
            return
        super().check(node, ctx)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        entity = ast.unparse(ref.entities[0]) if len(ref.entities) == 1 else "Entity"
        message = f"`Query.from_statement()`: use `session.scalars(select({entity}).from_statement(...))`"
        why = _from_statement_blocker(node, ref, ctx)
        if why:
            return f"{message}; not fixed automatically: {why}", FixSafety.MANUAL
        return message, FixSafety.SAFE

    def selecting(self, node: ast.Call, ref: QueryRef) -> list[ast.expr] | None:
        return list(ref.root.args) if isinstance(ref.root, ast.Call) else None

    settle_project = staticmethod(settle_selection)


def _from_statement_blocker(node: ast.Call, ref: QueryRef, ctx: FileContext) -> str | None:
    """Why `fix_from_statement` would refuse, or None (same checks, same words)."""
    if id(node) not in _run_by_terminal(ctx, frozenset({"from_statement"})):
        return "`from_statement()` not followed by a terminal: convert it where it is executed"
    if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
        return "`from_statement()` with other than one statement: rewrite by hand"
    why = chain_blocker(ref.root, [])
    if why or not isinstance(ref.root, ast.Call):
        return why
    if ref.links:
        return f"`.{method_name(ref.links[0])}()` before `from_statement()` is ignored by the legacy Query: remove it by hand"
    root = ref.root
    if not root.args or root.keywords or any(isinstance(a, ast.Starred) for a in root.args):
        return "`query()` with no, starred or keyword arguments: rewrite by hand"
    return None


_FROM_STATEMENT_TERMINALS = frozenset({"all", "first", "one", "one_or_none", "scalar"})
def _run_by_terminal(ctx: FileContext, methods: frozenset[str]) -> set[int]:
    """ids of calls to `methods` directly followed by a terminal, in this file."""
    key = ("run_by_terminal", methods)
    cached = ctx.memo.get(key)
    if isinstance(cached, set):
        return cached
    found: set[int] = set()
    for node in ctx.walk(ctx.tree):
        if isinstance(node, ast.Call) and method_name(node) in _FROM_STATEMENT_TERMINALS and not node.args:
            inner = node.func.value  # type: ignore[attr-defined]
            if isinstance(inner, ast.Call) and method_name(inner) in methods:
                found.add(id(inner))
    ctx.memo[key] = found
    return found
