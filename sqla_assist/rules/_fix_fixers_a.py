"""Fixers that keep behaviour for SQ110, SQ122, SQ126, SQ206, SQ211 and SQ403 (issue #4).

Each fixer repeats the detector's shape check from `_fixers_a_shapes` on the fixer's own text,
so a refusal here carries the same reason the finding showed. Loaded lazily by `LazyFixer`.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._engine_shapes import enclosing_statement
from sqla_assist.rules._fix_engine import _ast_call_at, _AstCtx, _fresh_name, _single, _wrap
from sqla_assist.rules._fixers_a_shapes import (
    TX_OTHER,
    TX_SCOPED,
    implicit_refusal,
    reset_joinpoint_refusal,
    select_entity_from_refusal,
)


# -- SQ403 -----------------------------------------------------------------------------------
def fix_implicit_execution(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`DDL(...).execute(bind=engine)` → `with engine.begin() as conn: conn.execute(DDL(...))`: 1.4 ran
    `engine.execute(ddl)`, which autocommitted DDL, so the block must be `begin()`."""
    small = _single(node)
    assert isinstance(node, cst.SimpleStatementLine)
    call_ast = _ast_call_at(fx)
    if call_ast is None:
        raise CannotFix("the `execute()` call could not be found")
    ctx = _AstCtx(fx)
    refusal = implicit_refusal(call_ast, enclosing_statement(call_ast, ctx), ctx)  # type: ignore[arg-type]
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
    refusal = select_entity_from_refusal(call_ast, _AstCtx(fx))
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
        refusal = reset_joinpoint_refusal(call_ast, _AstCtx(fx))
        if refusal is not None:
            raise CannotFix(refusal)
        receiver = node.func.value
        return receiver.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else receiver
    raise CannotFix(f"`{method}()` has no mechanical replacement")


# -- SQ211 -----------------------------------------------------------------------------------
def _ast_try_at(fx: FixContext) -> ast.Try | None:
    finding = fx.finding
    if finding is None:
        return None
    for stmt in ast.walk(fx.tree):
        if isinstance(stmt, ast.Try) and stmt.lineno == finding.line and stmt.col_offset + 1 == finding.column:
            return stmt
    return None


def _expr_of(fx: FixContext, expr: ast.expr) -> cst.BaseExpression:
    text = ast.get_source_segment(fx.text, expr)
    if text is None:
        raise CannotFix("the session's constructor could not be read back")
    return cst.parse_expression(f"({text})" if "\n" in text else text)


def fix_session_boilerplate(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`s = SessionLocal()` + try/commit/except: rollback; raise/finally: close →
    `with SessionLocal.begin() as s:` (`with Session(...) as s, s.begin():`): the context managers
    commit on success, roll back on an exception and close, in the same order."""
    from sqla_assist.rules._fixers_a_shapes import (
        boilerplate_refusal,
        previous_statement,
        session_maker_call,
    )

    try_ast = _ast_try_at(fx)
    if not isinstance(node, cst.Try) or try_ast is None:
        raise CannotFix("the `try` statement could not be found")
    ctx = _AstCtx(fx)
    refusal, name = boilerplate_refusal(try_ast, ctx)
    if refusal is not None:
        raise CannotFix(refusal)
    prev = previous_statement(try_ast, ctx)
    assert isinstance(prev, ast.Assign) and isinstance(prev.value, ast.Call)
    lines = fx.text.splitlines()[prev.lineno - 1 : prev.end_lineno or prev.lineno]
    if any("#" in line for line in lines):
        raise CannotFix(f"a comment on the `{name} = ...` line would be lost: move it, then fix")
    kind = session_maker_call(prev.value, ctx)
    if kind == "factory":
        items = [
            cst.WithItem(
                item=cst.Call(func=cst.Attribute(value=_expr_of(fx, prev.value.func), attr=cst.Name("begin"))),
                asname=cst.AsName(name=cst.Name(name)),
            )
        ]
    else:
        items = [
            cst.WithItem(
                item=_expr_of(fx, prev.value),
                asname=cst.AsName(name=cst.Name(name)),
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            ),
            cst.WithItem(item=cst.Call(func=cst.Attribute(value=cst.Name(name), attr=cst.Name("begin")))),
        ]
    body = node.body
    assert isinstance(body, cst.IndentedBlock)
    block = cst.With(items=items, body=body.with_changes(body=body.body[:-1]), leading_lines=node.leading_lines)
    assignment = _bare(cst.parse_statement(ast.get_source_segment(fx.text, prev) or ""))
    fx.edit_module(lambda module: module.visit(_DropBefore(block, assignment)))
    return block


class _DropBefore(cst.CSTTransformer):
    """Remove the `s = SessionLocal()` line right before the `with` block that now makes the session;
    its leading blank lines and comments move to the block. Each edit runs on a module rebuilt by
    the previous one, so the block is recognised by its code, not by identity."""

    def __init__(self, block: cst.With, assignment: str) -> None:
        super().__init__()
        self.block = _bare(block)
        self.assignment = assignment

    def _fix(self, statements: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        for i, stmt in enumerate(statements):
            before = statements[i - 1] if i else None
            if (
                isinstance(stmt, cst.With)
                and isinstance(before, cst.SimpleStatementLine)
                and _bare(before) == self.assignment
                and _bare(stmt) == self.block
            ):
                moved = stmt.with_changes(leading_lines=[*before.leading_lines, *stmt.leading_lines])
                return [*statements[: i - 1], moved, *statements[i + 1 :]]
        return statements

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._fix(list(updated_node.body)))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._fix(list(updated_node.body)))


def _bare(stmt: cst.BaseStatement) -> str:
    return cst.Module(body=[]).code_for_node(stmt.with_changes(leading_lines=[])).strip()


# -- SQ110 -----------------------------------------------------------------------------------
def fix_filter_by(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`<query>.filter_by(k=v)` → `<query>.filter(E.k == v)` (`where` on a `select()`): 1.x's
    filter_by built exactly `getattr(E, k) == v` for the entity it picked."""
    from sqla_assist.rules._fixers_a_shapes import filter_by_entity

    call_ast = _ast_call_at(fx)
    if call_ast is None or not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        raise CannotFix("the `filter_by()` call could not be found")
    entity, refusal = filter_by_entity(call_ast, _AstCtx(fx))
    if refusal is not None or entity is None:
        raise CannotFix(refusal or "the entity is not known")
    is_query = "query" in {n.attr for n in ast.walk(call_ast.func) if isinstance(n, ast.Attribute)}
    args: list[cst.Arg] = []
    for i, arg in enumerate(node.args):
        assert arg.keyword is not None
        compare = cst.Comparison(
            left=cst.Attribute(value=cst.parse_expression(entity), attr=cst.Name(arg.keyword.value)),
            comparisons=[cst.ComparisonTarget(operator=cst.Equal(), comparator=arg.value)],
        )
        comma = arg.comma if i < len(node.args) - 1 else cst.MaybeSentinel.DEFAULT
        args.append(cst.Arg(value=compare, comma=comma))
    method = "filter" if is_query else "where"
    return node.with_changes(func=node.func.with_changes(attr=cst.Name(method)), args=args)
