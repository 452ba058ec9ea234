"""ast-level shape checks shared by the detectors and fixers of SQ122, SQ126, SQ206, SQ211, SQ403.

A detector offers a fix (SAFE) exactly where the fixer in `_fix_fixers_a` will take it: both ask
these functions, so the finding's fix class and the fixer's refusals give the same reason.
No libcst here (detection runs in every scan worker).
"""

from __future__ import annotations

import ast
from typing import Protocol

from sqla_assist.core.evidence import Fact, Kind
from sqla_assist.core.imports import ImportMap


class AstContext(Protocol):
    """What these checks need: a FileContext in detection, a fixer's adapter at fix time."""

    imports: ImportMap
    tree: ast.Module

    def fact(self, expr: ast.expr) -> Fact: ...


# -- SQ403 -----------------------------------------------------------------------------------
# `DDLElement.execute(bind=None, target=None)` in 1.4 ran `bind.execute(ddl)`: on an Engine that
# autocommitted (DDL carries autocommit=True). These constructors take no chained conditions.
DDL_FNS = frozenset(
    {
        "sqlalchemy.DDL", "sqlalchemy.schema.DDL", "sqlalchemy.CreateTable", "sqlalchemy.DropTable",
        "sqlalchemy.CreateIndex", "sqlalchemy.DropIndex", "sqlalchemy.schema.CreateTable",
        "sqlalchemy.schema.DropTable", "sqlalchemy.schema.CreateIndex", "sqlalchemy.schema.DropIndex",
    }
)
SEQUENCE_FNS = frozenset({"sqlalchemy.Sequence", "sqlalchemy.schema.Sequence"})


def _qual(expr: ast.expr, ctx: AstContext) -> str | None:
    qual = ctx.imports.qualify(expr)
    return qual if qual is not None and qual.startswith("sqlalchemy") else None


def _plain_ref(expr: ast.expr) -> bool:
    """`engine` or `app.engine`: evaluating it has no side effect worth ordering."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name)


def implicit_kind(call: ast.Call, ctx: AstContext) -> str | None:
    """'ddl' / 'sequence' when `call` is `<DDL(...)|Sequence(...)>.execute(...)` on the constructor itself."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "execute" and isinstance(func.value, ast.Call)):
        return None
    qual = _qual(func.value.func, ctx)
    if qual in DDL_FNS:
        return "ddl"
    if qual in SEQUENCE_FNS:
        return "sequence"
    return None


def takes_bind(call: ast.Call, ctx: AstContext) -> bool:
    """Does this `.execute()` take an engine argument (DDL and Sequence did; statements did not)?"""
    root: ast.expr = call.func.value if isinstance(call.func, ast.Attribute) else call.func
    while isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and isinstance(root.func.value, ast.Call):
        root = root.func.value
    return isinstance(root, ast.Call) and _qual(root.func, ctx) in DDL_FNS | SEQUENCE_FNS


def implicit_bind(call: ast.Call) -> ast.expr | None:
    kw = next((k.value for k in call.keywords if k.arg == "bind"), None)
    if kw is not None:
        return kw
    return call.args[0] if call.args and not isinstance(call.args[0], ast.Starred) else None


def implicit_refusal(call: ast.Call, stmt: ast.stmt | None, ctx: AstContext) -> str | None:
    """Why `<stmt>.execute(...)` at `call` cannot become a `with engine.begin()/connect()` block."""
    func = call.func
    assert isinstance(func, ast.Attribute)
    if func.attr != "execute" or not takes_bind(call, ctx):
        if any(k.arg == "bind" for k in call.keywords):
            return (
                "`bind=` here was a bind *parameter*, not the engine: 1.x executed the statement through "
                "bound metadata, and which engine that was is not in the call"
            )
        return "which engine the statement was bound to (bound metadata) is not in the call: execute it on a Connection by hand"
    kind = implicit_kind(call, ctx)
    if kind is None:
        return "the DDL/Sequence is built in a variable or a chain (`execute_if()` conditions are not checked by `conn.execute()`): rewrite by hand"
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return "`*args` / `**kwargs` given to `execute()`: rewrite by hand"
    if any(k.arg not in ("bind",) for k in call.keywords) or len(call.args) + len(call.keywords) != 1:
        return "`execute()` has arguments besides the engine (`target=`): rewrite by hand"
    bind = implicit_bind(call)
    if bind is None:
        return "no engine given: which engine the metadata was bound to is not in the call"
    fact = ctx.fact(bind)
    if fact.kind is Kind.CONNECTION:
        return (
            "a 1.x Connection autocommitted this outside a transaction; on 2.x run `conn.execute(...)` and "
            "`conn.commit()` where the transaction should end (SQ408), by hand"
        )
    if not (fact.kind is Kind.ENGINE and fact.strong):
        return "the bind is not known to be an Engine"
    if not _plain_ref(bind):
        return "the engine is an expression, not a name: rewrite by hand"
    if kind == "sequence":
        return (
            "a sequence: use `conn.scalar(Sequence(...))` inside `with engine.connect() as conn:` by hand "
            "(SQ425); sequences cannot be checked on the SQLite behaviour harness, so this is not automated"
        )
    if isinstance(stmt, ast.Expr) and stmt.value is call:
        return None
    return "the result of the DDL execution is used: wrap the statement in `with engine.begin() as conn:` by hand"


def parents(ctx: AstContext) -> dict[int, ast.AST]:
    """id(child) → parent for the whole file, built once per file (kept in `ctx.memo`)."""
    memo: dict[object, object] = getattr(ctx, "memo", {})
    found = memo.get(("fixers_a", "parents"))
    if isinstance(found, dict):
        return found
    table: dict[int, ast.AST] = {}
    for parent in ast.walk(ctx.tree):
        for child in ast.iter_child_nodes(parent):
            table[id(child)] = parent
    memo[("fixers_a", "parents")] = table
    return table


# -- SQ206 -----------------------------------------------------------------------------------
# Legacy `session.transaction` was the innermost transaction (a SAVEPOINT's, if one is open),
# and on a non-future 1.4 Session reading it began one when none was. `in_nested_transaction()`
# gives the same truth value for `.nested`; the other uses depend on which transaction is meant.
TX_OTHER = (
    "1.4's `session.transaction` was the innermost transaction and began one when none was; "
    "`get_transaction()` returns the root and never begins one: choose `get_transaction()`, "
    "`get_nested_transaction()` or `in_transaction()` by hand"
)
TX_SCOPED = (
    "`scoped_session` never had a `.transaction` attribute (AttributeError on 1.4 too): ask the "
    "session itself, e.g. `db().in_nested_transaction()`, by hand"
)


def _is_tx(node: ast.AST, receiver: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "transaction"
        and ast.dump(node.value) == ast.dump(receiver)
    )


def _is_nested_read(node: ast.AST, receiver: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "nested" and _is_tx(node.value, receiver)


def _is_not_none(node: ast.AST, receiver: ast.expr) -> bool:
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.IsNot)
        and isinstance(node.comparators[0], ast.Constant)
        and node.comparators[0].value is None
        and _is_tx(node.left, receiver)
    )


def transaction_shape(node: ast.Attribute, ctx: AstContext) -> tuple[str, ast.AST]:
    """How the `s.transaction` read at `node` is used: ('nested', `s.transaction.nested`),
    ('guarded', `s.transaction is not None and s.transaction.nested`), ('inner', the guarded
    idiom's second read, reported with the first), or ('other', node)."""
    table = parents(ctx)
    receiver = node.value
    parent = table.get(id(node))
    if _is_not_none(parent, receiver) if parent is not None else False:
        outer = table.get(id(parent))
        if (
            isinstance(outer, ast.BoolOp)
            and isinstance(outer.op, ast.And)
            and len(outer.values) == 2
            and outer.values[0] is parent
            and _is_nested_read(outer.values[1], receiver)
        ):
            return "guarded", outer
    if isinstance(parent, ast.Attribute) and parent.attr == "nested" and isinstance(parent.ctx, ast.Load):
        outer = table.get(id(parent))
        if (
            isinstance(outer, ast.BoolOp)
            and isinstance(outer.op, ast.And)
            and len(outer.values) == 2
            and outer.values[1] is parent
            and _is_not_none(outer.values[0], receiver)
        ):
            return "inner", outer
        return "nested", parent
    return "other", node


# -- SQ122 -----------------------------------------------------------------------------------
# Links that may follow `select_entity_from()` when they do not name the entity: the alias is
# the query's only entity, so `filter_by()` resolves against it just as the adapted entity did.
_AFTER_SEF = frozenset({"filter", "where", "filter_by", "order_by", "limit", "offset", "distinct"})
SEF_TERMINALS = frozenset({"all", "first", "one", "one_or_none", "count"})


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def select_entity_from_refusal(call: ast.Call, ctx: AstContext) -> str | None:
    """Why `session.query(E).select_entity_from(sq)<links>.<terminal>()` cannot become
    `session.query(aliased(E, sq))<links>.<terminal>()`; None when it can."""
    func = call.func
    assert isinstance(func, ast.Attribute)
    root = func.value
    if not (isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and root.func.attr == "query"):
        return "`select_entity_from()` does not follow `session.query(Entity)` directly: rewrite by hand"
    if len(root.args) != 1 or root.keywords or not isinstance(root.args[0], ast.Name | ast.Attribute):
        return "the query does not select exactly one entity named by its class: rewrite by hand"
    if len(call.args) != 1 or call.keywords or isinstance(call.args[0], ast.Starred):
        return "`select_entity_from()` takes one selectable here: rewrite by hand"
    entity = root.args[0]
    head = entity
    while isinstance(head, ast.Attribute):
        head = head.value
    assert isinstance(head, ast.Name)
    if head.id in _names(call.args[0]):
        return f"the subquery mentions `{ast.unparse(entity)}`: rewrite by hand"
    table = parents(ctx)
    node: ast.AST = call
    while True:
        attr = table.get(id(node))
        outer = table.get(id(attr)) if attr is not None else None
        if not (isinstance(attr, ast.Attribute) and isinstance(outer, ast.Call) and outer.func is attr):
            return (
                "the query is kept or passed on before a terminal method: later criteria naming "
                f"`{ast.unparse(entity)}` would no longer be adapted to the subquery; use "
                "`alias = aliased(Entity, subquery)` and name the alias by hand"
            )
        if any(head.id in _names(a) for a in (*outer.args, *outer.keywords)):
            return (
                f"a later part of the chain names `{ast.unparse(entity)}`, which 1.x adapted to the "
                "subquery: use `alias = aliased(Entity, subquery)` and name the alias there by hand"
            )
        if attr.attr in SEF_TERMINALS:
            if outer.args or outer.keywords:
                return f"`.{attr.attr}()` with arguments: rewrite by hand"
            return None
        if attr.attr not in _AFTER_SEF or any(isinstance(a, ast.Starred) for a in outer.args):
            return f"`.{attr.attr}()` after `select_entity_from()`: rewrite by hand"
        node = outer


# -- SQ126 -----------------------------------------------------------------------------------
# After `reset_joinpoint()` these look at the joinpoint (the last joined entity): dropping the
# call would change what they resolve against.
_JOINPOINT_READERS = frozenset({"filter_by", "join", "outerjoin", "with_parent", "join_from", "outerjoin_from"})
_JOINPOINT_KW = frozenset({"aliased", "from_joinpoint"})


def reset_joinpoint_refusal(call: ast.Call, ctx: AstContext) -> str | None:
    """Why `<query>.reset_joinpoint()` cannot simply be deleted; None when it can.

    It only mattered to what came after it (filter_by's target, joins from the joinpoint, the
    adaptation of `aliased=True` joins), so it may go when nothing after it reads the joinpoint
    and the chain ends in a terminal method, with no `aliased=`/`from_joinpoint=` join anywhere.
    """
    from sqla_assist.core.evidence import QUERY_METHODS

    if call.args or call.keywords:
        return "`reset_joinpoint()` with arguments: rewrite by hand"
    node: ast.expr = call.func.value if isinstance(call.func, ast.Attribute) else call
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "query":
        if any(k.arg in _JOINPOINT_KW for k in node.keywords):
            return "a join uses `aliased=True`/`from_joinpoint=True` (SQ703): fix that first"
        node = node.func.value
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "query"):
        return "the query is built elsewhere: whether a join before it relies on the joinpoint is unknown here"
    table = parents(ctx)
    here: ast.AST = call
    while True:
        attr = table.get(id(here))
        outer = table.get(id(attr)) if attr is not None else None
        if not (isinstance(attr, ast.Attribute) and isinstance(outer, ast.Call) and outer.func is attr):
            return "the query is kept or passed on: a later `filter_by()` or join would resolve against the last joined entity without it"
        if attr.attr not in QUERY_METHODS:
            return None  # a terminal: the Query ends here
        if attr.attr in _JOINPOINT_READERS or any(k.arg in _JOINPOINT_KW for k in outer.keywords):
            return f"the later `.{attr.attr}()` resolves against the joinpoint this call resets: rewrite by hand"
        here = outer
