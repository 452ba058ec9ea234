"""Row evidence for the SQ5xx rules: is `x` in `x["k"]` a SQLAlchemy `Row`?

Strong evidence comes from the scope builder (`for row in conn.execute(...)`, `.first()` on a
result). A row-like *name* alone (`row`, `r`, `record`) is weak, and is dropped when the
function shows the name is something else: a dict literal, `row["k"] = v`, `row.get(...)`,
a loop over `csv.DictReader`, `df.iterrows()`, `.mappings()`, a DB-API cursor, a lambda
parameter (`df.apply(lambda row: ...)`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import ITERATE, Fact, Kind
from sqla_assist.core.findings import Evidence
from sqla_assist.core.gather import REQUIRED
from sqla_assist.rules._helpers import via_for

ROW_KINDS = frozenset({Kind.ROW})
_ROW_METHODS = frozenset({"first", "one", "one_or_none", "fetchone"})
_ROWS_METHODS = frozenset({"execute", "fetchall", "fetchmany", "all", "partitions", "yield_per", "unique"})
_NOT_ROWS = frozenset({"mappings", "scalars", "scalar", "_mapping", "_asdict", "items", "iterrows", "itertuples", "to_dict"})
_DICT_METHODS = frozenset({"get", "update", "setdefault", "pop", "copy", "popitem", "clear"})
_CURSOR = re.compile(r"^(cur|curs|cursor|c|.*_cursor|.*_cur)$", re.I)
_RESULT_NAMES = re.compile(r"^(result|results|res|rs|rows|.*_rows|.*_result|.*_results)$", re.I)
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)


def row_fact(expr: ast.expr, ctx: FileContext) -> Fact | None:
    """The Row evidence for `expr`, or None when it is not (or no longer looks like) a Row."""
    fact = ctx.fact(expr)
    gathered = _gathered_row(expr, fact, ctx)
    if gathered is not None:
        return gathered
    if fact.kind is not Kind.ROW:
        return None
    if fact.strong:
        return fact
    if (
        isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name)
        and _assigned(expr.value.id, own_walk(home_of(ctx)), 0) is True
    ):
        # `rows = conn.execute(...).fetchall()` then `rows[1]["id"]`: fetched right here.
        return fact
    if not isinstance(expr, ast.Name):
        return None
    # A row-like name bound from another module's function stays a guess unless the local
    # code agrees: `r = helpers.call_action(...)` is usually a dict.
    if local_origin(expr.id, ctx) is False and not _from_local_rows(expr.id, ctx):
        return None
    return fact


def _from_local_rows(name: str, ctx: FileContext) -> bool:
    """Is `name` bound from what a function of this module returns, which the evidence knows
    to be rows (`for rp in _get_all_from_db(ctx)` with `return session.execute(q).fetchall()`,
    also through `rows = _get_all_from_db(ctx)` and `rows[0]`)? The syntactic origin check
    cannot see into the function; the evidence has."""
    nodes = own_walk(home_of(ctx))

    def local_call(expr: ast.expr) -> bool:
        """`_get_rows(ctx)`, `self._load_data(engine)`: a call this file can answer for."""
        if not isinstance(expr, ast.Call):
            return False
        func = expr.func
        if isinstance(func, ast.Name):
            return func.id not in _BUILTINS
        return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls")

    def rows_call(expr: ast.expr, depth: int = 0) -> bool:
        if local_call(expr):
            return ctx.fact(expr).kind in (Kind.ROWS, Kind.RESULT)
        if isinstance(expr, ast.Name) and depth == 0:
            for n in nodes:
                if not isinstance(n, ast.Assign):
                    continue
                if any(isinstance(t, ast.Name) and t.id == expr.id for t in n.targets) and rows_call(n.value, 1):
                    return True
                if (
                    # `shares, instances = self._load_data(engine)`: the evidence reads the tuple.
                    any(isinstance(t, ast.Tuple) and _binds(t, expr.id) for t in n.targets)
                    and local_call(n.value) and ctx.fact(expr).kind in (Kind.ROWS, Kind.RESULT)
                ):
                    return True
        return False

    for node in nodes:
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            if isinstance(node.target, ast.Name) and node.target.id == name and rows_call(node.iter):
                return True
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = node.value
            if isinstance(value, ast.Subscript) and rows_call(value.value):
                return True  # `first = rows[0]`
    return False


_BUILTINS = frozenset({"list", "sorted", "reversed", "tuple", "iter", "dict", "set"})


def row_via(fact: Fact) -> str:
    if fact.via.startswith(REQUIRED):
        return REQUIRED + via_for(replace(fact, via=fact.via.removeprefix(REQUIRED)), ROW_KINDS)
    return via_for(fact, ROW_KINDS)


# The last step of an origin that yields one row of whatever came before it.
_ROW_STEPS = tuple(f".{m}()" for m in (ITERATE, *_ROW_METHODS))


def _gathered_row(expr: ast.expr, fact: Fact, ctx: FileContext) -> Fact | None:
    """A row of what a function of another module returns (`for row in store.load(db)`,
    `store.load(db).fetchone()`): only the gathering pass can tell, so the finding is kept
    only if the project shows a SQLAlchemy result there (REQUIRED), whatever the name says.

    Rows of a result typed here (`app.db.session.execute()`) are bound as rows already and keep
    the ordinary origin; these are the ones bound with no kind at all.
    """
    if fact.strong or not fact.via.endswith(_ROW_STEPS):
        return None
    bound = ctx.scope.lookup(expr.id) if isinstance(expr, ast.Name) else fact
    if bound is None or bound.kind is not None:
        return None
    return Fact(Kind.ROW, Evidence.WEAK, REQUIRED + fact.via)


def row_evidence(fact: Fact) -> Evidence:
    return Evidence.STRONG if fact.strong else Evidence.WEAK


def home_of(ctx: FileContext) -> ast.AST:
    scope = ctx.scope
    while scope.parent is not None and not isinstance(scope.node, _FUNCS):
        scope = scope.parent
    return scope.node


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def _comprehension_binding(
    name: str, ctx: FileContext
) -> ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp | None:
    """The comprehension that binds `name` around the node being checked: its own loop is the
    name's only origin (`[s["id"] for s in self.shares]` and `[s["id"] for s in rows]` in one
    function are two different `s`)."""
    scope = ctx.scope
    while scope.parent is not None and not isinstance(scope.node, _FUNCS):
        node = scope.node
        if isinstance(node, _COMPREHENSIONS) and any(_binds(g.target, name) for g in node.generators):
            return node
        scope = scope.parent
    return None


def own_walk(root: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(root))
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def local_origin(name: str, ctx: FileContext) -> bool | None:
    """True: bound from a result; False: bound from something that is not a Row; None: unknown."""
    comp = _comprehension_binding(name, ctx)
    home = home_of(ctx)
    cache: dict[tuple[int, str], bool | None] = ctx.__dict__.setdefault("_sq5_origins", {})
    key = (id(comp or home), name)
    if key in cache:
        return cache[key]
    if comp is not None:
        gen = next(g for g in comp.generators if _binds(g.target, name))
        # What the iterable held before this line: `rows = [dict(r) for r in rows]` reads the
        # `rows` its own assignment replaces.
        earlier = [n for n in own_walk(home) if getattr(n, "lineno", 0) < comp.lineno]
        verdict = _loop_binding(gen.target, gen.iter, name, earlier)
    else:
        verdict = _origin(name, home)
    cache[key] = verdict
    return verdict


def _origin(name: str, home: ast.AST) -> bool | None:
    if isinstance(home, ast.Lambda):
        if any(a.arg == name for a in home.args.args):
            return False
    nodes = own_walk(home)
    found: bool | None = None
    for node in nodes:
        verdict: bool | None = None
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            verdict = _loop_binding(node.target, node.iter, name, nodes)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    verdict = _value(node.value, nodes, 0)
                elif (isinstance(target, ast.Tuple | ast.List) and _binds(target, name)) or (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name):
                    verdict = False
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            if isinstance(node.target, ast.Subscript) and isinstance(node.target.value, ast.Name) and node.target.value.id == name:
                verdict = False
        elif isinstance(node, ast.withitem):
            if node.optional_vars is not None and _binds(node.optional_vars, name):
                verdict = False
        elif isinstance(node, ast.Lambda):
            if any(a.arg == name for a in node.args.args):
                verdict = False
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            recv = node.func.value
            if isinstance(recv, ast.Name) and recv.id == name and node.func.attr in _DICT_METHODS:
                verdict = False
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            # `isinstance(row, dict)`: the code itself says what the name holds.
            if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == name:
                verdict = False
        elif isinstance(node, ast.arg) and node.arg == name and node.annotation is not None:
            verdict = False
        if verdict is False:
            return False
        if verdict is True:
            found = True
    return found


def _binds(target: ast.expr, name: str) -> bool:
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, ast.Tuple | ast.List):
        return any(_binds(e, name) for e in target.elts)
    if isinstance(target, ast.Starred):
        return _binds(target.value, name)
    return False


def _loop_binding(target: ast.expr, iterable: ast.expr, name: str, nodes: list[ast.AST]) -> bool | None:
    if isinstance(target, ast.Name):
        return _iterable(iterable, nodes, 0) if target.id == name else None
    if not _binds(target, name):
        return None
    # `for i, row in enumerate(result)` keeps rows; any other unpacking does not.
    if (
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[1], ast.Name)
        and target.elts[1].id == name
        and isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "enumerate"
        and iterable.args
    ):
        return _iterable(iterable.args[0], nodes, 0)
    return False


def _chain(expr: ast.expr) -> tuple[list[str], ast.expr]:
    """Method/attribute names along a chain, outermost first, and the chain's root."""
    names: list[str] = []
    node = expr
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript | ast.Await):
            node = node.value
        else:
            return names, node


def _result_chain(expr: ast.expr) -> bool | None:
    names, root = _chain(expr)
    if set(names) & _NOT_ROWS:
        return False
    if isinstance(root, ast.Name) and _CURSOR.match(root.id):
        return False
    return None


def _iterable(expr: ast.expr, nodes: list[ast.AST], depth: int) -> bool | None:
    if depth > 3:
        return None
    if isinstance(expr, ast.List | ast.Tuple | ast.Set | ast.Dict | ast.ListComp | ast.DictComp | ast.Constant | ast.JoinedStr):
        return False
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute):
            if _result_chain(expr) is False:
                return False
            return func.attr in _ROWS_METHODS
        if isinstance(func, ast.Name) and func.id in ("list", "sorted", "reversed", "tuple", "iter") and expr.args:
            return _iterable(expr.args[0], nodes, depth + 1)
        return False
    if isinstance(expr, ast.Subscript):
        return False  # `payload["results"]`: a container's item, not a result
    if isinstance(expr, ast.Attribute) and not _RESULT_NAMES.match(expr.attr):
        return False
    if isinstance(expr, ast.Name):
        found = _assigned(expr.id, nodes, depth)
        if found is None and not _RESULT_NAMES.match(expr.id):
            return False  # a parameter or global that is not named like a result
        return found
    return None


def _value(expr: ast.expr, nodes: list[ast.AST], depth: int) -> bool | None:
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in _ROW_METHODS:
        return _result_chain(expr) is None
    if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, int):
        # `row = rows[0]`
        return _iterable(expr.value, nodes, depth + 1)
    return False


def _assigned(name: str, nodes: list[ast.AST], depth: int) -> bool | None:
    for node in nodes:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return _iterable(node.value, nodes, depth + 1)
    return None
