"""ast-level shape checks shared by the detectors and fixers of SQ110, SQ122, SQ126, SQ206, SQ211, SQ403.

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
    head: ast.expr = entity
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


# -- SQ211 -----------------------------------------------------------------------------------
_TX_CALLS = frozenset({"commit", "rollback", "close", "begin", "begin_nested"})


def _call_on(stmt: ast.stmt, name: str, method: str) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and not stmt.value.args
        and not stmt.value.keywords
        and isinstance(stmt.value.func, ast.Attribute)
        and stmt.value.func.attr == method
        and isinstance(stmt.value.func.value, ast.Name)
        and stmt.value.func.value.id == name
    )


def _own_nodes(stmts: list[ast.stmt]) -> list[ast.AST]:
    """Nodes of `stmts`, not descending into nested functions, classes or lambdas."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(stmts)
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))
    return out


def previous_statement(node: ast.stmt, ctx: AstContext) -> ast.stmt | None:
    parent = parents(ctx).get(id(node))
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and any(s is node for s in block):
            at = next(i for i, s in enumerate(block) if s is node)
            return block[at - 1] if at else None
    return None


def boilerplate_refusal(node: ast.Try, ctx: AstContext) -> tuple[str | None, str]:
    """(why the try/commit/except/rollback/finally/close idiom at `node` cannot become a
    `with <factory>.begin() as s:` block or None, the session's name)."""
    last = node.body[-1] if node.body else None
    name = ""
    if (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Attribute)
        and isinstance(last.value.func.value, ast.Name)
    ):
        name = last.value.func.value.id
    if last is None or not name or not _call_on(last, name, "commit"):
        return "the `try` body does not end with `<name>.commit()` on a plain name", name
    if len(node.handlers) != 1 or node.orelse:
        return "several handlers or an `else:` clause: rewrite by hand", name
    handler = node.handlers[0]
    if not (handler.type is None or (isinstance(handler.type, ast.Name) and handler.type.id in ("Exception", "BaseException"))):
        return "the handler catches only some exceptions: rewrite by hand", name
    if not (
        len(handler.body) == 2
        and _call_on(handler.body[0], name, "rollback")
        and isinstance(handler.body[1], ast.Raise)
        and handler.body[1].exc is None
    ):
        return "the handler does more than `rollback()` and a bare `raise`", name
    if not (len(node.finalbody) == 1 and _call_on(node.finalbody[0], name, "close")):
        return (
            f"no `finally: {name}.close()`: the session stays open after the block (objects stay "
            "attached), which a `with` block would end",
            name,
        )
    if len(node.body) < 2:
        return "the `try` does nothing but commit", name
    for inner in _own_nodes(node.body[:-1]):
        if isinstance(inner, ast.Return | ast.Break | ast.Continue | ast.Yield | ast.YieldFrom | ast.Await):
            return (
                "the body can leave early (`return`/`break`/`continue`/`yield`/`await`): 1.x skipped the commit "
                "there, a `with ... begin()` block would commit",
                name,
            )
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr in _TX_CALLS:
            if isinstance(inner.func.value, ast.Name) and inner.func.value.id == name:
                return f"the body calls `{name}.{inner.func.attr}()` itself: rewrite by hand", name
        if isinstance(inner, ast.Name) and inner.id == name and not isinstance(inner.ctx, ast.Load):
            return f"the body rebinds `{name}`", name
    prev = previous_statement(node, ctx)
    if not (
        isinstance(prev, ast.Assign)
        and len(prev.targets) == 1
        and isinstance(prev.targets[0], ast.Name)
        and prev.targets[0].id == name
        and isinstance(prev.value, ast.Call)
    ):
        return f"`{name}` is not created right before the `try`: the block cannot own the session", name
    if session_maker_call(prev.value, ctx) is None:
        return f"`{name}` is not made by a sessionmaker or `Session(...)` right before the `try`", name
    scope = parents(ctx).get(id(node))
    while scope is not None and not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
        scope = parents(ctx).get(id(scope))
    if isinstance(scope, ast.AsyncFunctionDef):
        return "inside an async function: use `async with` by hand", name
    return None, name


def session_maker_call(call: ast.Call, ctx: AstContext) -> str | None:
    """'factory' for `SessionLocal()` (a sessionmaker, no arguments), 'session' for `Session(...)`."""
    if not call.args and not call.keywords and isinstance(call.func, ast.Name | ast.Attribute):
        fact = ctx.fact(call.func)
        if fact.kind is Kind.SESSION_FACTORY and fact.strong:
            return "factory"
    if _qual(call.func, ctx) == "sqlalchemy.orm.Session" and not any(
        isinstance(a, ast.Starred) for a in call.args
    ) and all(k.arg is not None for k in call.keywords):
        return "session"
    return None


# -- SQ110 -----------------------------------------------------------------------------------
_JOIN_METHODS = frozenset({"join", "outerjoin", "join_from", "outerjoin_from"})
_SELECT_QUALS = frozenset({"sqlalchemy.select", "sqlalchemy.sql.select", "sqlalchemy.future.select"})


def _class_ref(expr: ast.expr) -> str | None:
    """`User` / `models.User`: a class named plainly (CamelCase last part); None otherwise."""
    last = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""
    if not last or not last[0].isupper() or not _plain_ref(expr):
        return None
    return ast.unparse(expr)


def filter_by_entity(call: ast.Call, ctx: AstContext) -> tuple[str | None, str | None]:
    """(the entity whose attributes 1.x's `filter_by()` at `call` resolved against, why not known).

    That entity is the last join target, else the `select_from()` target, else the first
    selected entity. Only plainly named classes are accepted: a relationship join's target
    needs the model map, and `aliased(...)` inline would make a second alias.
    """
    if not call.keywords or any(k.arg is None for k in call.keywords) or call.args:
        return None, "`filter_by(**kwargs)` or positional arguments: rewrite by hand"
    links: list[ast.Call] = []
    node: ast.expr = call.func.value if isinstance(call.func, ast.Attribute) else call
    root: ast.expr | None = None
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "query":
            root = node
            break
        if isinstance(node, ast.Call) and _qual(node.func, ctx) in _SELECT_QUALS:
            root = node
            break
        if isinstance(node, ast.Attribute) and node.attr == "query":
            root = node
            break
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            return None, "the query is built in a variable or a helper: which entity it joined last is not known here"
        links.append(node)
        node = node.func.value
    methods = [c.func.attr for c in links if isinstance(c.func, ast.Attribute)]
    if set(methods) & {"with_only_columns", "select_from", "with_entities", "add_entity", "add_columns", "from_self", "select_entity_from", "reset_joinpoint"}:
        return None, "the chain changes its FROM or entities (`select_from`, `with_only_columns`, ...): rewrite by hand"
    joins = [c for c in links if isinstance(c.func, ast.Attribute) and c.func.attr in _JOIN_METHODS]
    if joins:
        last = joins[0]  # links were collected outermost first
        assert isinstance(last.func, ast.Attribute)
        args = last.args[1:] if last.func.attr.endswith("_from") else last.args
        if any(k.arg in ("aliased", "from_joinpoint") for k in last.keywords):
            return None, "an `aliased=True` join: fix it first (SQ703)"
        target = _class_ref(args[0]) if args and not isinstance(args[0], ast.Starred) else None
        if target is None:
            return None, (
                "the last join names a relationship or an expression: its target class is not known here; "
                "write `.where(Target.attr == value)` by hand"
            )
        return target, None
    if isinstance(root, ast.Attribute):
        first: ast.expr | None = root.value
    elif isinstance(root, ast.Call) and root.args and not isinstance(root.args[0], ast.Starred):
        first = root.args[0]
    else:
        first = None
    entity = _class_ref(first) if first is not None else None
    if entity is None:
        return None, "the first selected entity is not a plainly named class: rewrite by hand"
    return entity, None
