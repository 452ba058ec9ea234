"""Fixers for SQ503, SQ607, SQ612 and SQ618: small rewrites whose equivalence is checked per shape.

Each detector offers the fix only for the shapes handled here (see `_fixers_b_shapes`) and
reports the rest as manual with the reason; the fixers re-check what they can see, so a fix
requested explicitly on an odd shape is refused rather than guessed. Loaded lazily (libcst).
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fixers_b_shapes import only_keys, parent_map


# -- SQ607 -------------------------------------------------------------------------------------
def fix_empty_and(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`and_()` / `and_(*conds)` → `and_(true(), ...)`.

    `true()` is the identity of AND: with conditions it is dropped from the SQL, and alone it
    keeps "no condition = every row" (`where(and_())` rendered no WHERE). `or_` has no such
    rewrite (`or_(false())` selects nothing), so it is refused.
    """
    if not isinstance(node, cst.Call):
        raise CannotFix("not an `and_()` call")
    if fx.qualify(node.func) != "sqlalchemy.and_":
        raise CannotFix("`or_()` with no conditions: `or_(false(), ...)` would select no rows; decide the empty case by hand")
    if len(node.args) > 1 or (node.args and node.args[0].star != "*") or any(a.keyword for a in node.args):
        raise CannotFix("`and_()` already has a condition")
    true = cst.Arg(value=cst.Call(func=fx.name("sqlalchemy", "true")))
    return node.with_changes(args=[true, *node.args])


# -- SQ618 -------------------------------------------------------------------------------------
def fix_select_froms(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`stmt.froms` → `stmt.get_final_froms()`: 1.4.23+ computes both from the same compile state."""
    if not isinstance(node, cst.Attribute) or node.attr.value != "froms":
        raise CannotFix("not a `.froms` read")
    call = cst.Call(func=node.with_changes(attr=cst.Name("get_final_froms"), lpar=[], rpar=[]))
    return call.with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ612 -------------------------------------------------------------------------------------
def fix_select_c_keys(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`stmt.c.keys()` → `stmt.selected_columns.keys()`.

    Only the key list is taken over: the implicit subquery's columns are keyed exactly like the
    select's own. Any other use of `.c` puts that subquery in a FROM, which has no one-line
    equivalent (the detector reports it as manual).
    """
    if not isinstance(node, cst.Attribute) or node.attr.value not in ("c", "columns"):
        raise CannotFix("not a `.c` read")
    if not _only_keys_here(fx):
        raise CannotFix("`.c` of a Select used in an expression: rewrite with `stmt.subquery()` by hand")
    return node.with_changes(attr=cst.Name("selected_columns"))


def _only_keys_here(fx: FixContext) -> bool:
    finding = fx.finding
    if finding is None:
        return False
    parent_of = parent_map(fx.tree)
    for node in ast.walk(fx.tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("c", "columns")
            and (node.lineno, node.col_offset + 1, node.end_lineno) == (finding.line, finding.column, finding.end_line)
        ):
            return only_keys(node, parent_of)
    return False


# -- SQ503 -------------------------------------------------------------------------------------
def fix_row_in(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`key in row` → `key in row._mapping` for rows of Core execution.

    A 1.x `LegacyRow` answered `in` from its result's keymap (string keys, Column objects and
    their fallbacks); `Row._mapping` answers from the same keymap on every version, which
    `row._fields` (strings only) would not for Column keys.
    """
    if not isinstance(node, cst.Comparison) or len(node.comparisons) != 1:
        raise CannotFix("not a single `in` test")
    target = node.comparisons[0]
    if not isinstance(target.operator, cst.In | cst.NotIn):
        raise CannotFix("not an `in` test")
    row = target.comparator
    if not isinstance(row, cst.Name):
        raise CannotFix("the row is not a plain name")
    mapping = cst.Attribute(value=row.with_changes(lpar=[], rpar=[]), attr=cst.Name("_mapping"), lpar=row.lpar, rpar=row.rpar)
    return node.with_changes(comparisons=[target.with_changes(comparator=mapping)])


# -- SQ712 -------------------------------------------------------------------------------------
def fix_join_mapped_table(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`q.join(Model.__table__, Owner.rel)` → `q.join(Owner.rel)` (the detector checked the shape)."""
    if not isinstance(node, cst.Call) or len(node.args) != 2 or any(a.keyword or a.star for a in node.args):
        raise CannotFix("not `join(table, relationship)`")
    target = node.args[0].value
    if not (isinstance(target, cst.Attribute) and target.attr.value == "__table__"):
        raise CannotFix("the join target is not `Model.__table__`")
    rel = node.args[1]
    return node.with_changes(args=[rel.with_changes(comma=cst.MaybeSentinel.DEFAULT)])


# -- SQ623 -------------------------------------------------------------------------------------
def fix_enum_omit_aliases(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Enum(PyEnum, ...)` → `Enum(PyEnum, ..., omit_aliases=False)`: the 1.x value list, alias names
    included (1.4 kept them and only warned that 2.0 would drop them)."""
    if not isinstance(node, cst.Call) or not node.args:
        raise CannotFix("not an `Enum(...)` call")
    if any(a.star for a in node.args) or any(a.keyword and a.keyword.value == "omit_aliases" for a in node.args):
        raise CannotFix("`omit_aliases` may already be given")
    last = node.args[-1]
    keyword = cst.Arg(
        keyword=cst.Name("omit_aliases"),
        value=cst.Name("False"),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
        comma=last.comma,
    )
    # Between arguments, the comma (and line break) the call already uses there.
    between = node.args[-2].comma if len(node.args) > 1 else cst.MaybeSentinel.DEFAULT
    return node.with_changes(args=[*node.args[:-1], last.with_changes(comma=between), keyword])


# -- SQ625 -------------------------------------------------------------------------------------
def fix_distinct_on(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`stmt.distinct(*cols)` → `stmt.ext(distinct_on(*cols))` (2.1): the same `DISTINCT ON (...)`
    on PostgreSQL; the detector offers it only for Selects in files that show PostgreSQL."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "distinct"):
        raise CannotFix("not a `.distinct(...)` call")
    if all(a.star for a in node.args) or any(a.keyword for a in node.args):
        raise CannotFix("`distinct()` without a column for certain may be plain DISTINCT")
    inner = cst.Call(func=fx.name("sqlalchemy.dialects.postgresql", "distinct_on"), args=node.args)
    return node.with_changes(func=node.func.with_changes(attr=cst.Name("ext")), args=[cst.Arg(value=inner)])


# -- SQ624 -------------------------------------------------------------------------------------
def fix_floor_division(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`int_col / n` → `int_col // n`: on PostgreSQL, SQLite and SQL Server 2.x renders `//` between
    integers exactly as 1.x rendered `/` (integer division, Integer result type)."""
    if not (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)):
        raise CannotFix("not an `a / b` expression")
    op = node.operator
    return node.with_changes(
        operator=cst.FloorDivide(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
    )


# -- SQ506 -------------------------------------------------------------------------------------
def fix_entity_rows(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.execute(select(E))[.all()/.first()/...]` → `session.execute(select(E)).scalars()[...]`.

    `.scalars()` yields the first column of each row, the entity; the detector offers this only for
    one-entity selects whose rows were used solely through entity attributes (which a row lacks).
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not an `execute()` result")
    return _with_scalars(node)


def _with_scalars(call: cst.BaseExpression) -> cst.BaseExpression:
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)):
        raise CannotFix("not a `session.execute(...)` chain")
    if call.func.attr.value == "execute":
        if call.lpar:
            inner = call.with_changes(lpar=[], rpar=[])
            return cst.Call(func=cst.Attribute(value=inner, attr=cst.Name("scalars")), lpar=call.lpar, rpar=call.rpar)
        return cst.Call(func=cst.Attribute(value=call, attr=cst.Name("scalars")))
    if call.func.attr.value in ("all", "fetchall", "first", "one", "one_or_none"):
        return call.with_changes(func=call.func.with_changes(value=_with_scalars(call.func.value)))
    raise CannotFix(f"`.{call.func.attr.value}()` after `execute()`: rewrite by hand")
