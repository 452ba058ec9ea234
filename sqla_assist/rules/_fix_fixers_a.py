"""Fixers for SQ403 (implicit DDL execution with a known engine) and its neighbours (issue #4).

Each fixer repeats the detector's shape check from `_fixers_a_shapes` on the fixer's own text,
so a refusal here carries the same reason the finding showed. Loaded lazily by `LazyFixer`.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_engine import _ast_call_at, _AstCtx, _fresh_name, _single, _wrap
from sqla_assist.rules._fixers_a_shapes import (
    TX_OTHER,
    TX_SCOPED,
    implicit_refusal,
    reset_joinpoint_refusal,
    select_entity_from_refusal,
)


def _enclosing(fx: FixContext, call: ast.Call) -> ast.stmt | None:
    for stmt in ast.walk(fx.tree):
        if isinstance(stmt, ast.Expr | ast.Assign | ast.Return | ast.AugAssign | ast.AnnAssign):
            if any(n is call for n in ast.walk(stmt)):
                return stmt
    return None


# -- SQ403 -----------------------------------------------------------------------------------
def fix_implicit_execution(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`DDL(...).execute(bind=engine)` → `with engine.begin() as conn: conn.execute(DDL(...))`: 1.4 ran
    `engine.execute(ddl)`, which autocommitted DDL, so the block must be `begin()`."""
    small = _single(node)
    assert isinstance(node, cst.SimpleStatementLine)
    call_ast = _ast_call_at(fx)
    if call_ast is None:
        raise CannotFix("the `execute()` call could not be found")
    refusal = implicit_refusal(call_ast, _enclosing(fx, call_ast), _AstCtx(fx))  # type: ignore[arg-type]
    if refusal is not None:
        raise CannotFix(refusal)
    value = getattr(small, "value", None)
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "execute"):
        raise CannotFix("the `execute()` call is not the whole statement")
    call = value
    assert isinstance(call.func, cst.Attribute)
    bind = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "bind"), None)
    if bind is None:
        bind = call.args[0].value
    name = _fresh_name(fx)
    new_call = cst.Call(
        func=cst.Attribute(value=cst.Name(name), attr=cst.Name("execute")),
        args=[cst.Arg(value=call.func.value)],
    )
    inner = small.with_changes(value=new_call)
    return _wrap(node, inner, bind, "begin", name)


# -- SQ206 -----------------------------------------------------------------------------------
def _in_nested(receiver: cst.BaseExpression) -> cst.Call:
    return cst.Call(func=cst.Attribute(value=receiver, attr=cst.Name("in_nested_transaction")))


def _nested_receiver(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """`s` of `s.transaction.nested`."""
    if (
        isinstance(node, cst.Attribute)
        and node.attr.value == "nested"
        and isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "transaction"
    ):
        return node.value.value
    return None


def fix_session_transaction(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`s.transaction.nested` / `s.transaction is not None and s.transaction.nested` →
    `s.in_nested_transaction()`: 1.4's attribute was the innermost transaction, so `.nested` was
    true exactly when a SAVEPOINT was open."""
    if isinstance(node, cst.Attribute):
        receiver = _nested_receiver(node)
        if receiver is None:
            raise CannotFix(TX_OTHER)
        _check_session(receiver, fx)
        return _in_nested(receiver).with_changes(lpar=node.lpar, rpar=node.rpar)
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.And):
        left, right = node.left, node.right
        receiver = _nested_receiver(right)
        if (
            receiver is not None
            and isinstance(left, cst.Comparison)
            and len(left.comparisons) == 1
            and isinstance(left.comparisons[0].operator, cst.IsNot)
            and isinstance(left.comparisons[0].comparator, cst.Name)
            and left.comparisons[0].comparator.value == "None"
            and isinstance(left.left, cst.Attribute)
            and left.left.attr.value == "transaction"
            and fx.code(left.left.value) == fx.code(receiver)
        ):
            _check_session(receiver, fx)
            return _in_nested(receiver).with_changes(lpar=node.lpar, rpar=node.rpar)
    raise CannotFix(TX_OTHER)


def _check_session(receiver: cst.BaseExpression, fx: FixContext) -> None:
    fact = fx.fact(receiver)
    if fact.kind is Kind.SCOPED_SESSION:
        raise CannotFix(TX_SCOPED)
    if fact.kind is not Kind.SESSION:
        raise CannotFix("the receiver is not known to be a Session")


# -- SQ122 -----------------------------------------------------------------------------------
def fix_select_entity_from(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(E).select_entity_from(sq)` → `session.query(aliased(E, sq))`: the alias is
    what 1.x built internally; the rest of the chain (which names no `E`) is unchanged."""
    call_ast = _ast_call_at(fx)
    if call_ast is None or not isinstance(node, cst.Call):
        raise CannotFix("the `select_entity_from()` call could not be found")
    refusal = select_entity_from_refusal(call_ast, _AstCtx(fx))  # type: ignore[arg-type]
    if refusal is not None:
        raise CannotFix(refusal)
    assert isinstance(node.func, cst.Attribute)
    root = node.func.value
    assert isinstance(root, cst.Call) and isinstance(root.func, cst.Attribute)
    if fx.fact(root.func.value).kind not in (Kind.SESSION, Kind.SCOPED_SESSION):
        raise CannotFix("the receiver of `query()` is not known to be a Session")
    entity = root.args[0]
    alias = cst.Call(
        func=fx.name("sqlalchemy.orm", "aliased"),
        args=[
            cst.Arg(value=entity.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(value=node.args[0].value),
        ],
    )
    return root.with_changes(args=[entity.with_changes(value=alias)])


# -- SQ126 -----------------------------------------------------------------------------------
def fix_query_misc(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`q.with_labels()` / `q.apply_labels()` → `q.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`
    (what 1.4 ran); `q.reset_joinpoint()` → `q` when nothing after it reads the joinpoint."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        raise CannotFix("not a Query method call")
    method = node.func.attr.value
    if method in ("with_labels", "apply_labels"):
        if node.args:
            raise CannotFix("called with arguments: rewrite by hand")
        style = fx.name("sqlalchemy", "LABEL_STYLE_TABLENAME_PLUS_COL")
        return node.with_changes(func=node.func.with_changes(attr=cst.Name("set_label_style")), args=[cst.Arg(value=style)])
    if method == "reset_joinpoint":
        call_ast = _ast_call_at(fx)
        if call_ast is None:
            raise CannotFix("the `reset_joinpoint()` call could not be found")
        refusal = reset_joinpoint_refusal(call_ast, _AstCtx(fx))  # type: ignore[arg-type]
        if refusal is not None:
            raise CannotFix(refusal)
        receiver = node.func.value
        return receiver.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else receiver
    raise CannotFix(f"`{method}()` has no mechanical replacement")
