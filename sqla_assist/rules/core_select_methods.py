"""SQ608 / SQ609 / SQ611 / SQ612 / SQ613 / SQ614 / SQ615 / SQ618 / SQ619 / SQ622 / SQ625 / SQ626.

Methods and attributes of Select, Query, Join, Table and Column objects that were removed,
renamed or changed meaning. Most names here are also used by other libraries (`.c`, `.select()`,
`.copy()`, `.distinct()`), so each rule confirms the receiver before reporting.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SELECT_GENERATIVE
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_b_shapes import (
    DISTINCT_ON_NOT_PG,
    DISTINCT_ON_QUERY,
    SELECT_C_MANUAL,
    only_keys,
    parents,
    postgres_file,
)
from sqla_assist.rules._flow import file_memo, first_assignment, scope_index, span
from sqla_assist.rules._helpers import query_chain
from sqla_assist.rules._sql_shapes import (
    SELECT_FUNCS,
    STRONG,
    WEAK,
    Shape,
    assigned_value,
    at,
    column_like,
    join_like,
    model_query,
    select_like,
    table_like,
)

_FROM_CLAUSE = "SQLAlchemy 1.4 migration notes, “A SELECT statement is no longer implicitly considered to be a FROM clause”"
_TICKET_10236 = "SQLAlchemy 2.1 changelog, ticket 10236 (SelectBase.c / .select() / implicit FROM coercion removed)"
_TABLE = 'users = Table("users", MetaData(), Column("id", Integer), Column("name", String))\n'


def _fix(shape: Shape) -> FixSafety:
    return FixSafety.SAFE if shape.strong else FixSafety.UNSAFE


def select_or_query(call: ast.Call, ctx: FileContext) -> Shape | None:
    """Is the receiver of the method `call` a Select, or is `call` a link of a legacy Query chain?"""
    assert isinstance(call.func, ast.Attribute)
    shape = select_like(call.func.value, ctx)
    if shape is not None and not shape.via:  # `frame.distinct("a")` on an imported name: unknown
        return shape
    chain = query_chain(call, ctx)
    if chain is not None:
        return STRONG if chain.fact.strong else WEAK
    return model_query(call, ctx)


class ApplyLabels(Rule):
    id = "SQ608"
    name = "apply-labels"
    title = "`apply_labels()` / `with_labels()` / `use_labels=True` → `set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_apply_labels", order=1)
    on_20 = "ERROR/LEGACY"
    on_21 = "ERROR/LEGACY"
    nodes = (ast.Call,)
    tokens = (b"apply_labels", b"with_labels", b"use_labels")
    what = "Flags `Select.apply_labels()`, `Query.with_labels()` and the `use_labels=True` keyword of `select()`."
    why = (
        "`Select.apply_labels()` no longer exists in 2.0 (`AttributeError`); `Query.with_labels()` "
        "is legacy. Labelling is now a label style."
    )
    example = Example(
        before="stmt = select(users, addresses).apply_labels()",
        after="stmt = select(users, addresses).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)",
    )
    use_instead = (
        "`.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)` (imported from `sqlalchemy`). The 1.4+ "
        "default only disambiguates duplicates, but result keys then change (`users_id` → `id`), "
        "so the explicit style is the faithful rewrite."
    )
    fix_safety = "Safe: the label style reproduces the 1.x `tablename_column` keys exactly."
    references = ("SQLAlchemy Core API: `GenerativeSelect.set_label_style()`", "SQLAlchemy 1.4 API: `apply_labels()` deprecated")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("apply_labels", "with_labels") and not node.args:
            if func.attr == "apply_labels":
                shape = select_or_query(node, ctx) or STRONG
            else:
                found = select_or_query(node, ctx)
                if found is None:
                    return
                shape = found
            ctx.report(self, at(node), f"`{func.attr}()`: use `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`",
                       fix=_fix(shape), evidence=shape.evidence, via=shape.via)
            return
        for kw in node.keywords:
            if kw.arg == "use_labels" and ctx.is_sa(func, "sqlalchemy.select"):
                ctx.report(self, at(node), "`use_labels=True`: use `.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`", fix=FixSafety.SAFE)
                return


# In-place Select mutators removed in 2.0; all but `append_column` exist nowhere else in SQLAlchemy.
_APPEND = frozenset(
    ["append_whereclause", "append_from", "append_order_by", "append_group_by", "append_having", "append_correlation", "append_prefix", "append_column"]
)


class SelectMutators(Rule):
    id = "SQ609"
    name = "select-in-place-mutators"
    title = "`Select.column(x)` / `append_*()` in-place mutators → generative methods"
    fix_class = "safe/typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_select_column")
    on_20 = "DEPRECATED/ERROR"
    on_21 = "DEPRECATED/ERROR"
    nodes = (ast.Call,)
    tokens = (b".append_", b".column(")
    what = "Flags `append_whereclause()`, `append_column()`, `append_from()`, `append_order_by()` ... and `.column()` on a Select."
    why = (
        "The `append_*` mutators changed a Select in place and are gone in 2.0 (`AttributeError`); "
        "`Select.column()` is deprecated. Every Select method now returns a new object."
    )
    example = Example(
        before=_TABLE + "s = select(users.c.id)\ns.append_whereclause(users.c.id == 5)",
        after=_TABLE + "s = select(users.c.id)\ns = s.where(users.c.id == 5)",
    )
    use_instead = (
        "`s = s.where(...)`, `s = s.add_columns(...)`, `.select_from()`, `.order_by()`, `.group_by()`, "
        "`.having()`, `.correlate()`, `.prefix_with()`; `s.column(x)` becomes `s.add_columns(x)`."
    )
    fix_safety = (
        "`column()` inside an expression is a safe rename. `append_*()` becomes a reassignment, "
        "exact only when nothing else holds the same Select (a caller's argument, an attribute); "
        "such receivers are reported as manual."
    )
    references = ("SQLAlchemy 1.4 API: `Select.append_*()` and `Select.column()` deprecated", "SQLAlchemy Core API: `Select.add_columns()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute) or (func.attr not in _APPEND and func.attr != "column"):
            return
        shape = select_like(func.value, ctx)
        if shape is None:
            if func.attr in ("append_column", "column") or table_like(func.value, ctx) is not None:
                return
            fact = ctx.fact(func.value)
            if fact.kind is not None:
                return
            shape = WEAK
        if func.attr == "column":
            ctx.report(self, at(node), "`Select.column()` is deprecated: use `.add_columns()`", fix=_fix(shape),
                       evidence=shape.evidence, via=shape.via)
            return
        # A statement rewrite (`s = s.where(...)`), exact only if nothing else holds `s`: manual.
        ctx.report(self, at(node), f"`{func.attr}()` mutated the Select in place and was removed: reassign a generative call",
                   evidence=shape.evidence, via=shape.via)


class AsScalar(Rule):
    id = "SQ611"
    name = "as-scalar"
    title = "`.as_scalar()` → `.scalar_subquery()`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_as_scalar")
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"as_scalar",)
    what = "Flags `.as_scalar()` on a Select, Query or subquery."
    why = "Renamed in 1.4 to say what it builds; the old name warns on every version since."
    example = Example(
        before=_TABLE + "sq = select(users.c.id).as_scalar()",
        after=_TABLE + "sq = select(users.c.id).scalar_subquery()",
    )
    use_instead = (
        "`.scalar_subquery()`. On a subquery (`select(...).subquery().as_scalar()`) call "
        "`.scalar_subquery()` on the select instead of `.subquery()`."
    )
    fix_safety = "Safe: a rename, except on a `Subquery` where the call moves before `.subquery()` (manual)."
    references = ("SQLAlchemy Core API: `SelectBase.scalar_subquery()`", "SQLAlchemy 1.4 API: `as_scalar()` deprecated")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "as_scalar") or node.args or node.keywords:
            return
        recv = func.value
        on_subquery = isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute) and recv.func.attr == "subquery"
        if on_subquery:
            ctx.report(self, at(node), "`.subquery().as_scalar()`: call `.scalar_subquery()` on the select instead")
        else:
            ctx.report(self, at(node), "`.as_scalar()` is deprecated: use `.scalar_subquery()`", fix=FixSafety.SAFE)


class SelectDotC(Rule):
    id = "SQ612"
    name = "select-dot-c"
    title = "`select_stmt.c` / `.columns` → `.selected_columns` or `.subquery().c`"
    fix_class = "typed/manual"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_select_c_keys")
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Attribute, ast.Subscript)
    tokens = (b".c.", b".c[", b".columns")
    what = "Flags `.c` / `.columns` read from a Select (not from a Table or subquery, where it is normal)."
    why = (
        "A Select is no longer a FROM clause. Its `.c` created a new anonymous subquery on each "
        "access; 2.0 warns and 2.1 removes it (`AttributeError: 'Select' object has no attribute 'c'`)."
    )
    example = Example(
        before=_TABLE + "s = select(users.c.id, users.c.name)\ns2 = s.where(s.c.name == 'ed')",
        after=_TABLE + "s = select(users.c.id, users.c.name)\ns2 = s.where(s.selected_columns.name == 'ed')",
    )
    use_instead = (
        "`stmt.selected_columns` to refer to the statement's own columns (in its WHERE / ORDER BY); "
        "`sq = stmt.subquery()` once, then `sq.c`, when the select is used as a FROM."
    )
    fix_safety = (
        "`stmt.c.keys()` becomes `stmt.selected_columns.keys()` (the same keys). Every other use is "
        "manual: 1.x `.c` was one implicit anonymous subquery, so in an expression it added a FROM "
        "(in the select's own WHERE, a cartesian product) that `.selected_columns` does not; the "
        "replacement depends on intent."
    )
    references = (_FROM_CLAUSE, _TICKET_10236)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Attribute):
            inner = node.value
        else:
            assert isinstance(node, ast.Subscript)
            inner = node.value
        if not (isinstance(inner, ast.Attribute) and inner.attr in ("c", "columns")):
            return
        shape = select_like(inner.value, ctx)
        if shape is None or shape.via:
            # An imported name's `.c` is far more often a Table's: only local evidence counts.
            return
        if only_keys(inner, parents(ctx)):
            ctx.report(self, inner, f"`.{inner.attr}.keys()` of a Select: use `.selected_columns.keys()`",
                       fix=_fix(shape), evidence=shape.evidence, via=shape.via)
            return
        ctx.report(self, _from_assignment(inner, ctx), f"`.{inner.attr}` of a Select: {SELECT_C_MANUAL}",
                   evidence=shape.evidence, via=shape.via, key_node=inner)


def _from_assignment(inner: ast.Attribute, ctx: FileContext) -> ast.AST:
    """The first `stmt.c` after `stmt = select(...)` in a function spans from that assignment,
    where `.subquery()` goes (nbgrader: `all_scores = union_all(...)` then `all_scores.c.score`);
    later uses are reported where they are."""
    name = inner.value
    if not isinstance(name, ast.Name):
        return inner
    first = first_assignment(name.id, inner, ctx)
    if first is None:
        return inner
    done = file_memo(ctx, "SQ612 spans").setdefault("assignments", set())
    assert isinstance(done, set)
    if id(first) in done:
        return inner
    done.add(id(first))
    return span(first, inner)


class SelectDotSelect(Rule):
    id = "SQ613"
    name = "select-dot-select"
    title = "`select_stmt.select()` → `select_stmt.subquery().select()`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_select_select")
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".select(",)
    what = "Flags `.select()` called on a Select."
    why = (
        "It silently wrapped the Select in an anonymous subquery. 2.0 warns; 2.1 removes it "
        "(`AttributeError: 'Select' object has no attribute 'select'`)."
    )
    example = Example(
        before=_TABLE + "s = select(users.c.id)\nouter = s.select()",
        after=_TABLE + "s = select(users.c.id)\nouter = s.subquery().select()",
    )
    use_instead = "Make the subquery explicit: `stmt.subquery().select()` (or `select(sq)` / `select(sq.c.x)`)."
    fix_safety = "Safe when the receiver is known to be a Select; the rewrite builds the same SQL."
    references = (_TICKET_10236,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "select"):
            return
        recv = func.value
        # `table.select()` itself is a Select; only the receiver matters here.
        shape = select_like(recv, ctx)
        if shape is None or (not shape.strong and table_like(recv, ctx) is not None):
            return
        ctx.report(self, at(node), "`.select()` on a Select: use `.subquery().select()`",
                   fix=FixSafety.MANUAL if node.args or node.keywords else _fix(shape),
                   evidence=shape.evidence, via=shape.via)


class SelectAsFrom(Rule):
    id = "SQ614"
    name = "select-as-from"
    title = "a SELECT used directly as a FROM / join target → `.subquery()`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_select_as_from")
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"select_from(", b"join(", b"aliased(", b"alias(", b"lateral(", b"tablesample(")
    what = (
        "Flags a Select passed to `select_from()`, `join()` / `outerjoin()`, `aliased(Entity, ...)` "
        "or the `alias()` / `lateral()` / `tablesample()` functions."
    )
    why = (
        "Implicit coercion of a SELECT into a FROM clause is deprecated in 2.0 and an error in 2.1 "
        "(`ArgumentError: FROM expression, such as a Table or alias() object expected`)."
    )
    example = Example(
        before=_TABLE + "inner = select(users.c.id).where(users.c.name.like('e%'))\nstmt = select(text('*')).select_from(inner)",
        after=_TABLE + "inner = select(users.c.id).where(users.c.name.like('e%'))\nstmt = select(text('*')).select_from(inner.subquery())",
    )
    use_instead = "Call `.subquery()` once and use that object (and its `.c`) consistently."
    fix_safety = "Safe when the argument is known to be a Select; each implicit coercion made its own anonymous subquery."
    references = (_FROM_CLAUSE, _TICKET_10236)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        targets: list[ast.expr] = []
        if isinstance(func, ast.Attribute) and func.attr in ("select_from", "join", "outerjoin", "join_from", "outerjoin_from"):
            if func.attr == "select_from":
                targets = list(node.args)
            elif func.attr in ("join", "outerjoin"):
                targets = node.args[:1]
            else:
                targets = node.args[:2]
            if not targets or isinstance(func.value, ast.Constant | ast.JoinedStr):
                return
        elif ctx.is_sa(func, "sqlalchemy.orm.aliased") and len(node.args) >= 2:
            targets = [node.args[1]]
        elif ctx.is_sa(func, "sqlalchemy.join", "sqlalchemy.outerjoin"):
            targets = node.args[:2]
        elif ctx.is_sa(func, "sqlalchemy.alias", "sqlalchemy.lateral", "sqlalchemy.tablesample"):
            targets = node.args[:1]  # `alias(select(...), name="u")`
        else:
            return
        for arg in targets:
            shape = select_like(arg, ctx)
            if shape is None and isinstance(arg, ast.Name):
                shape = _select_before(arg.id, node.lineno, ctx)
            if shape is None or (not shape.strong and not isinstance(arg, ast.Call)):
                # A guessed name (`sq` from another module) is more often a subquery already.
                continue
            ctx.report(self, arg, "a Select used as a FROM clause: add `.subquery()`", fix=_fix(shape),
                       evidence=shape.evidence, via=shape.via)


def _select_before(name: str, line: int, ctx: FileContext, depth: int = 8) -> Shape | None:
    """A Select the variable held before `line`, where facts (one per name and scope) see only
    what it holds last: `usage = select(...)`, `usage = usage.where(...)`, then
    `usage = alias(usage)` rebinds it to something else."""
    idx = scope_index(ctx)
    earlier = [v for v in idx.assigned_all.get(name, ()) if v.lineno < line]
    if not earlier or depth == 0:
        return None
    value = max(earlier, key=lambda v: (v.lineno, v.col_offset))
    root = value
    while isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and root.func.attr in SELECT_GENERATIVE:
        root = root.func.value
    if isinstance(root, ast.Name) and root.id == name:
        return _select_before(name, value.lineno, ctx, depth - 1)
    if isinstance(root, ast.Call) and ctx.is_sa(root.func, *SELECT_FUNCS):
        return STRONG
    return None


class InSubquery(Rule):
    id = "SQ615"
    name = "in-explicit-subquery"
    title = "`col.in_(stmt.subquery())` → `col.in_(stmt)`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_in_subquery")
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Call,)
    tokens = (b"in_(", b"not_in(")
    what = "Flags `in_()` / `not_in()` given a `.subquery()` object instead of the select itself."
    why = (
        "IN wants a SELECT: a Subquery is coerced back with `SAWarning: Coercing Subquery object "
        "into a select() for use in IN()` and renders a needless nested SELECT."
    )
    example = Example(
        before=_TABLE + "subq = select(users.c.id).where(users.c.name == 'foo').subquery()\nstmt = select(users).where(users.c.id.in_(subq))",
        after=_TABLE + "subq = select(users.c.id).where(users.c.name == 'foo')\nstmt = select(users).where(users.c.id.in_(subq))",
    )
    use_instead = "Pass the Select (or drop `.subquery()` from a Query); the result rows are the same."
    fix_safety = "Safe when the subquery is used only by IN; if it is also used as a FROM keep it and pass `.select()` of it."
    references = ("SQLAlchemy 2.0 migration guide, “Filtering with in_()/not_in() no longer accepts explicit subqueries”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("in_", "not_in", "notin_")) or len(node.args) != 1:
            return
        arg = node.args[0]
        value: ast.expr | None = arg
        if isinstance(arg, ast.Name):
            value = assigned_value(arg.id, ctx)
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "subquery"
            and len(value.args) <= 1
        ):
            return
        shape = select_or_query(value, ctx)
        if shape is None:
            shape = WEAK if column_like(func.value, ctx) is not None else None
        if shape is None:
            return
        ctx.report(self, at(node), "`in_()` given a `.subquery()`: pass the select itself", fix=_fix(shape),
                   evidence=shape.evidence, via=shape.via)


class SelectFroms(Rule):
    id = "SQ618"
    name = "select-froms"
    title = "`Select.froms` → `Select.get_final_froms()`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_select_froms")
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Attribute,)
    tokens = (b".froms",)
    what = "Flags reads of `.froms` on a Select."
    why = "Deprecated in 1.4.23: the name was ambiguous about which FROMs (before or after joins are folded) it lists."
    example = Example(
        before=_TABLE + "s = select(users.c.id)\nfroms = s.froms",
        after=_TABLE + "s = select(users.c.id)\nfroms = s.get_final_froms()",
    )
    use_instead = "`stmt.get_final_froms()` (the same list), or `stmt.columns_clause_froms` for the FROMs implied by the columns."
    fix_safety = "Safe when the receiver is known to be a Select."
    references = ("SQLAlchemy Core API: `Select.get_final_froms()`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Attribute)
        if node.attr != "froms":
            return
        shape = select_like(node.value, ctx)
        if shape is None:
            return
        ctx.report(self, at(node), "`Select.froms` is deprecated: use `.get_final_froms()`", fix=_fix(shape),
                   evidence=shape.evidence, via=shape.via)


class JoinAlias(Rule):
    id = "SQ619"
    name = "join-alias"
    title = "`join.alias()` → alias the tables, or `select(...).subquery()`"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b".alias(",)
    what = "Flags `.alias()` called on a join of tables."
    why = (
        "1.x `Join.alias()` wrapped the join in `SELECT ... FROM (<join>) AS anon_1` with "
        "`table_column` labels. 2.0 removed it without an error: the generic `alias()` now applies "
        "and compiles to invalid SQL (`... FROM users JOIN addresses ON ... AS anon_1`)."
    )
    example = Example(
        before=_TABLE + 'addresses = Table("addresses", MetaData(), Column("user_id", Integer))\nj = users.join(addresses).alias()',
        after=(
            _TABLE + 'addresses = Table("addresses", MetaData(), Column("user_id", Integer))\n'
            "j = select(users, addresses).join_from(users, addresses).set_label_style(\n"
            "    LABEL_STYLE_TABLENAME_PLUS_COL).subquery()"
        ),
    )
    use_instead = "A `select(...).subquery()` of the join (labelled as before), or alias each table and join the aliases."
    fix_safety = "Manual: which form fits depends on how the result's columns are used (keys change from `users_id` to `id`)."
    references = ("SQLAlchemy 1.4 API: `Join.alias()` deprecated (“Create a select + subquery, or alias the individual tables inside the join”)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "alias"):
            return
        shape = join_like(func.value, ctx)
        if shape is None:
            return
        ctx.report(self, at(node), "`Join.alias()` compiles to invalid SQL in 2.x: use `select(...).subquery()` or alias the tables",
                   evidence=shape.evidence, via=shape.via)


_COPYABLE = (
    "sqlalchemy.Column",
    "sqlalchemy.ForeignKey",
    "sqlalchemy.ForeignKeyConstraint",
    "sqlalchemy.UniqueConstraint",
    "sqlalchemy.PrimaryKeyConstraint",
    "sqlalchemy.CheckConstraint",
)


class ToMetadata(Rule):
    id = "SQ622"
    name = "tometadata-and-copy"
    title = "`Table.tometadata()` → `to_metadata()`; `Column.copy()` / `Constraint.copy()`"
    fix_class = "safe/manual"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_tometadata")
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"tometadata", b".copy(")
    what = "Flags `Table.tometadata()` and `.copy()` on Column and Constraint objects."
    why = "`tometadata` was renamed `to_metadata` in 1.4; `Column.copy()` and `Constraint.copy()` are deprecated with no public replacement."
    example = Example(
        before=_TABLE + "users2 = users.tometadata(MetaData())",
        after=_TABLE + "users2 = users.to_metadata(MetaData())",
    )
    use_instead = "`table.to_metadata(metadata)`. For columns, define the column twice or build it from a factory function."
    fix_safety = "`tometadata` is a safe rename. `copy()` needs a new structure and is manual."
    references = ("SQLAlchemy Core API: `Table.to_metadata()`", "SQLAlchemy 1.4 API: `Column.copy()` deprecated")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        if func.attr == "tometadata":
            ctx.report(self, at(node), "`tometadata()` was renamed `to_metadata()`", fix=FixSafety.SAFE)
            return
        if func.attr != "copy" or node.args:
            return
        recv = func.value
        if isinstance(recv, ast.Name):
            value = assigned_value(recv.id, ctx)
            if value is None:
                return
            recv = value
        if isinstance(recv, ast.Call) and ctx.is_sa(recv.func, *_COPYABLE):
            ctx.report(self, at(node), "`Column.copy()` / `Constraint.copy()` is deprecated: build the object again")
            return
        if isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Attribute) and recv.value.attr in ("c", "columns"):
            shape = table_like(recv.value.value, ctx)
            if shape is not None:
                ctx.report(self, at(node), "`Column.copy()` is deprecated: build the column again",
                           evidence=shape.evidence, via=shape.via)


class DistinctOn(Rule):
    id = "SQ625"
    name = "distinct-on-columns"
    title = "`Select.distinct(*cols)` / `Query.distinct(*cols)` (PostgreSQL DISTINCT ON) → `postgresql.distinct_on`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_distinct_on")
    on_20 = "OK"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b".distinct(",)
    what = "Flags `.distinct(col, ...)` with column arguments on a Select or Query."
    why = (
        "Columns given to `distinct()` render PostgreSQL `DISTINCT ON (...)`; other dialects silently "
        "ignored them. 2.1 deprecates the form in favour of an explicit PostgreSQL extension."
    )
    example = Example(
        before=_TABLE + "stmt = select(users).distinct(users.c.name).order_by(users.c.name)",
        after=(
            "from sqlalchemy.dialects.postgresql import distinct_on\n"
            + _TABLE + "stmt = select(users).ext(distinct_on(users.c.name)).order_by(users.c.name)"
        ),
    )
    use_instead = "`stmt.ext(postgresql.distinct_on(*cols))` on 2.1; on other backends drop the columns (plain DISTINCT)."
    fix_safety = (
        "Safe on PostgreSQL: `select(...).distinct(*cols)` becomes `.ext(distinct_on(*cols))`, the same "
        "compiled SQL; the file must show PostgreSQL (dialect imports or a PostgreSQL URL) and the fixed "
        "code needs 2.1. Elsewhere the columns never had an effect, and `Query.distinct(*cols)` has its "
        "own ORDER BY handling: both are manual."
    )
    references = ("SQLAlchemy 2.1 changelog, ticket 12342 (DISTINCT ON via `postgresql.distinct_on`)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "distinct") or not node.args:
            return
        shape = select_or_query(node, ctx)
        if shape is None:
            return
        message = "`distinct(*columns)` renders PostgreSQL DISTINCT ON, deprecated in 2.1: use `postgresql.distinct_on`"
        select = select_like(func.value, ctx)
        if all(isinstance(a, ast.Starred) for a in node.args):
            blocker = "only starred columns: an empty list meant plain DISTINCT, which `distinct_on()` is not; rewrite by hand"
        elif select is None:
            blocker = DISTINCT_ON_QUERY
        elif select.via:
            blocker = "the receiver is only guessed to be a Select (a name from another module): rewrite by hand"
        elif not postgres_file(ctx):
            blocker = DISTINCT_ON_NOT_PG
        else:
            # At the whole call (not the `.distinct` line): the fixer rewrites that node.
            ctx.report(self, node, message, fix=_fix(select), evidence=select.evidence, via=select.via)
            return
        ctx.report(self, at(node), f"{message}; {blocker}", evidence=shape.evidence, via=shape.via)


class ClauseParams(Rule):
    id = "SQ626"
    name = "clause-element-params"
    title = "`.params()` on a non-statement element (column expression, criterion)"
    fix_class = "manual"
    on_20 = "OK"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b".params(", b"unique_params(")
    what = "Flags `.params()` / `.unique_params()` called on a column expression or criterion rather than a statement."
    why = "2.1 deprecates `params()` on non-statement elements; bound values belong to the executable statement."
    example = Example(
        before=_TABLE + 'crit = (users.c.name == bindparam("n")).params(n="ed")',
        after=_TABLE + 'crit = users.c.name == bindparam("n")\nstmt = select(users).where(crit).params(n="ed")',
    )
    use_instead = "Call `.params()` on the enclosing `select()` / DML statement, or pass the values at execution."
    fix_safety = "Manual: the values have to move to the statement that finally contains the element."
    references = ("SQLAlchemy 2.1 migration notes, “Improved params() implementation for executable statements”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("params", "unique_params")):
            return
        recv = func.value
        shape: Shape | None = None
        if isinstance(recv, ast.Compare):
            shapes = [column_like(e, ctx) for e in (recv.left, *recv.comparators)]
            shape = next((s for s in shapes if s is not None), None)
        elif isinstance(recv, ast.Call) and ctx.is_sa(recv.func, "sqlalchemy.and_", "sqlalchemy.or_", "sqlalchemy.not_"):
            shape = STRONG
        elif isinstance(recv, ast.Attribute | ast.Subscript):
            found = column_like(recv, ctx)
            shape = found if found is not None and found.evidence is Evidence.STRONG else None
        if shape is None:
            return
        ctx.report(self, at(node), f"`.{func.attr}()` on a non-statement element: apply it to the statement",
                   evidence=shape.evidence, via=shape.via)
