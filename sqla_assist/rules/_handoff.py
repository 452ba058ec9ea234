"""Connections a function receives from code that never begins a transaction on them.

1.x committed each write on a Connection by itself, so a function could take a connection as
its first argument, write, and return: whoever opened the connection did not need to care.
2.x commits only what runs inside `begin()` or before `commit()`. This module answers, from
one file's syntax, whether a function's connection parameter may come from such a caller:

* the function is handed out rather than called (`pool.do(thd)`, `hook = thd`, `return thd`):
  a runner elsewhere calls it, and whether that runner begins a transaction is unknown;
* or a function of this file calls it with its own connection (`self.thd_append(conn, ...)`),
  and that connection is, in turn, one of these or an `engine.connect()` connection, with no
  `begin()` / `commit()` on it in the caller.

Runners that begin a transaction themselves (`engine.transaction(fn)`, `conn.run_sync(fn)`,
`engine.begin()`) do not count.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind, Scope, weak_kind_of_name
from sqla_assist.rules._flow import file_memo

Func = ast.FunctionDef | ast.AsyncFunctionDef

# Runners known to run their callable inside a transaction.
_TRANSACTIONAL = frozenset({"transaction", "run_sync", "begin"})
_ENDS = frozenset({"commit", "begin", "begin_twophase", "execution_options"})
_DEPTH = 3


@dataclass
class _Index:
    """Per file: which functions are handed out, and who calls each by name."""

    # Names referenced other than as a callee, with the function the reference is in.
    handed: set[tuple[str, int | None]] = field(default_factory=set)
    callers: dict[str, list[tuple[ast.Call, Func | None]]] = field(default_factory=dict)
    functions: dict[str, list[Func]] = field(default_factory=dict)
    # id(nested function) -> the function it is defined in: its name means it only there.
    parent: dict[int, Func] = field(default_factory=dict)
    # id(function) -> receivers (source text of a Name) that get `begin()`/`commit()` there.
    ended: dict[int, set[str]] = field(default_factory=dict)
    # id(function) -> names bound from `<x>.connect()` there (with-target or assignment).
    connected: dict[int, set[str]] = field(default_factory=dict)


def _callee_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        return func.attr
    return None


def _build(tree: ast.Module) -> _Index:
    idx = _Index()
    called: set[int] = set()  # id() of Name/Attribute nodes that are the callee of a call
    stack: list[tuple[ast.AST, Func | None]] = [(tree, None)]
    references: list[tuple[str, ast.AST, Func | None]] = []
    while stack:
        node, owner = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            idx.functions.setdefault(node.name, []).append(node)
            if owner is not None:
                idx.parent[id(node)] = owner
            owner = node
        elif isinstance(node, ast.Call):
            called.add(id(node.func))
            name = _callee_name(node.func)
            if name is not None:
                idx.callers.setdefault(name, []).append((node, owner))
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and owner is not None:
                if func.attr in _ENDS:
                    idx.ended.setdefault(id(owner), set()).add(func.value.id)
            if isinstance(func, ast.Attribute) and func.attr in _TRANSACTIONAL:
                # `engine.transaction(thd)`: the callable runs in a transaction.
                for arg in node.args:
                    called.add(id(arg))
        elif isinstance(node, ast.With | ast.AsyncWith) and owner is not None:
            for item in node.items:
                ctx_expr = item.context_expr
                if isinstance(item.optional_vars, ast.Name) and _is_connect(ctx_expr):
                    idx.connected.setdefault(id(owner), set()).add(item.optional_vars.id)
                if (
                    isinstance(ctx_expr, ast.Call) and isinstance(ctx_expr.func, ast.Attribute)
                    and ctx_expr.func.attr == "begin" and isinstance(ctx_expr.func.value, ast.Name)
                ):
                    idx.ended.setdefault(id(owner), set()).add(ctx_expr.func.value.id)
        elif isinstance(node, ast.Assign) and owner is not None and _is_connect(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    idx.connected.setdefault(id(owner), set()).add(target.id)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            references.append((node.id, node, owner))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                references.append((node.attr, node, owner))
        for child in ast.iter_child_nodes(node):
            stack.append((child, owner))
    for name, ref, where in references:
        if id(ref) not in called and name in idx.functions:
            idx.handed.add((name, id(where) if where is not None else None))
    return idx


def _visible(func: Func, where: Func | None, idx: _Index) -> bool:
    """Does a use of `func.name` inside `where` mean `func`? A nested function's name means it
    only inside the function that defines it (every buildbot method has its own `thd`)."""
    parent = idx.parent.get(id(func))
    return parent is None or where is parent


def _is_connect(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "connect"


def _index(ctx: FileContext) -> _Index:
    memo = file_memo(ctx, "handoff")
    found = memo.get("index")
    if not isinstance(found, _Index):
        found = _build(ctx.tree)
        memo["index"] = found
    return found


def _first_param(func: Func) -> str | None:
    positional = [a.arg for a in [*func.args.posonlyargs, *func.args.args]]
    if positional[:1] in (["self"], ["cls"]):
        positional = positional[1:]
    return positional[0] if positional else None


def _connection_param(func: Func, name: str) -> bool:
    """`name` is the function's first argument and looks like a connection (its name, or an
    annotation naming `Connection`)."""
    if _first_param(func) != name:
        return False
    arg = next(a for a in [*func.args.posonlyargs, *func.args.args] if a.arg == name)
    if arg.annotation is not None:
        text = ast.unparse(arg.annotation)
        return text.rpartition(".")[2].strip("'\"") == "Connection"
    return weak_kind_of_name(name) is Kind.CONNECTION


def unowned_connection(func: Func, name: str, ctx: FileContext) -> bool:
    """May the connection `name`, `func`'s first parameter, come from code that neither begins
    nor commits a transaction on it (see the module docstring)?"""
    return _unowned(func, name, _index(ctx), _DEPTH, set())


def _unowned(func: Func, name: str, idx: _Index, depth: int, seen: set[int]) -> bool:
    if depth == 0 or id(func) in seen or not _connection_param(func, name):
        return False
    seen.add(id(func))
    parent = idx.parent.get(id(func))
    if (func.name, id(parent) if parent is not None else None) in idx.handed or (
        parent is None and any(n == func.name for n, _ in idx.handed)
    ):
        return True
    for call, caller in idx.callers.get(func.name, ()):
        if caller is None or not call.args or not isinstance(call.args[0], ast.Name):
            continue
        if not _visible(func, caller, idx):
            continue
        passed = call.args[0].id
        if passed in idx.ended.get(id(caller), ()):
            continue
        if passed in idx.connected.get(id(caller), ()):
            return True
        if _unowned(caller, passed, idx, depth - 1, seen):
            return True
    return False


def enclosing_param_function(ctx: FileContext, name: str) -> Func | None:
    """The innermost enclosing function that binds `name` as a parameter (the current function,
    or the one a closure takes its connection from), unless a nearer scope assigns it."""
    scope: Scope | None = ctx.scope
    while scope is not None:
        node = scope.node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]}
            if name in params:
                return node
            if _assigns(node, name):
                return None
        elif not isinstance(node, ast.ClassDef):
            return None
        scope = scope.parent
    return None


def _assigns(func: Func, name: str) -> bool:
    for sub in ast.walk(func):
        if isinstance(sub, ast.Name) and sub.id == name and isinstance(sub.ctx, ast.Store):
            return True
    return False


def ended_in(func: Func, name: str, ctx: FileContext) -> bool:
    """Does `func` call `begin()` / `commit()` on `name` (or open `with name.begin():`)?"""
    return name in _index(ctx).ended.get(id(func), ())
