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
from sqla_assist.rules._fixers_a_shapes import TX_OTHER, TX_SCOPED, implicit_refusal


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
