"""SQ109: when a Query stored in a local variable can be rewritten as a `select()` statement.

Decided on the stdlib `ast` so the detector (scan workers, no libcst) and the fixer
(`_fix_storedquery`) agree: the detector offers a fix exactly where `stored_query_plan` returns
a plan, and otherwise reports the reason it returns; the fixer runs the same function on the
file it rewrites and refuses with the same reason.

The provable shape: inside one function, `q = <session>.query(...)<links>` is the first
mention of `q`; every later mention is either a refinement `q = q.<links>` or a complete
execution — `q<links>.all()/first()/one()/one_or_none()/scalar()/count()` or `for x in q<links>:`.
Then the variable can hold a `select()` instead, and each execution goes through the same
session. Anything else (the Query returned, passed on, stored, captured, deleted, augmented,
indexed, or given a method `select()` lacks) means the Query's consumers live elsewhere.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.rules._query_fixability import LINKS
from sqla_assist.rules._query_fixability import links_blocker as chain_links_blocker
from sqla_assist.rules._selection_verdict import Selection

TERMINALS = frozenset({"all", "first", "one", "one_or_none", "scalar", "count"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)

RETURNED = "the Query is returned or yielded: its callers consume it, convert them together with it"
MODULE_LEVEL = "a module-level Query can be imported by other modules: rewrite it by hand"
CLASS_LEVEL = "a Query stored as a class attribute is shared with its readers: rewrite it by hand"
ATTRIBUTE = "the Query is stored on an attribute or in a container: its readers consume it elsewhere"
ANNOTATED = "the variable is annotated as a Query: change its annotation together with it"


@dataclass
class Use:
    """One execution of the stored Query: `q<links>.<terminal>()` or `for x in q<links>`."""

    name: ast.Name
    terminal: str  # a TERMINALS member, or "iter"
    links: list[ast.Call] = field(default_factory=list)  # inline links, innermost first


@dataclass
class Plan:
    scope: ast.FunctionDef | ast.AsyncFunctionDef
    var: str
    build: ast.Assign
    root: ast.Call  # `<session>.query(...)`
    refinements: list[ast.Assign]
    uses: list[Use]
    links: list[ast.Call]  # every link that reaches an execution: build, refinements, inline

    @property
    def methods(self) -> list[str]:
        return [c.func.attr for c in self.links if isinstance(c.func, ast.Attribute)]


_ScopeIndex = tuple[list[ast.AST], dict[int, ast.AST], set[int]]
# The last scope indexed: a function storing several Queries is asked about once per Query,
# by the detector and then by the fixer, in a row.
_LAST: list[tuple[ast.AST, _ScopeIndex]] = []


def _scope_index(scope: ast.AST) -> _ScopeIndex:
    """(the scope's nodes in source pre-order, nested scopes' included; each node's parent by
    id; ids of the nodes inside nested scopes, which the caller refuses)."""
    if _LAST and _LAST[0][0] is scope:
        return _LAST[0][1]
    parents: dict[int, ast.AST] = {}
    nodes: list[ast.AST] = []
    nested: set[int] = set()
    stack: list[ast.AST] = [scope]
    while stack:
        node = stack.pop()
        children = list(ast.iter_child_nodes(node))
        for child in children:
            parents[id(child)] = node
        stack.extend(reversed(children))
        if node is scope:
            continue
        nodes.append(node)
        if isinstance(node, _SCOPES):
            nested.update(id(n) for n in ast.walk(node) if n is not node)
    found = (nodes, parents, nested)
    _LAST[:] = [(scope, found)]
    return found


def _chain_up(name: ast.Name, parents: dict[int, ast.AST]) -> tuple[list[ast.Call], ast.AST]:
    """`q.a(..).b(..)`: the calls built on `name`, innermost first, and the outermost node."""
    calls: list[ast.Call] = []
    node: ast.AST = name
    while True:
        attr = parents.get(id(node))
        call = parents.get(id(attr)) if attr is not None else None
        if not (isinstance(attr, ast.Attribute) and attr.value is node and isinstance(call, ast.Call) and call.func is attr):
            return calls, node
        calls.append(call)
        node = call


def query_root(expr: ast.expr) -> tuple[ast.Call, list[ast.Call]] | None:
    """`<recv>.query(...).<links>` → (root call, links innermost first)."""
    links: list[ast.Call] = []
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "query":
            links.reverse()
            return node, links
        links.append(node)
        node = node.func.value
    return None


def links_blocker(root: ast.Call, links: list[ast.Call]) -> str | None:
    """The chain checks of `_query_fixability.terminal_blocker`, over links gathered from
    several statements (no `REWRITTEN_FIRST` links: no other fixer rewrites a stored chain)."""
    return chain_links_blocker(root, links, LINKS)


def _receiver_names(receiver: ast.expr) -> tuple[str, str] | None:
    """(base name, dotted text) of a `session` / `self.session` receiver; None for anything else."""
    parts: list[str] = []
    node = receiver
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return node.id, ".".join([node.id, *reversed(parts)])


def _dotted(node: ast.AST) -> str | None:
    found = _receiver_names(node) if isinstance(node, ast.expr) else None
    return found[1] if found else None


def stored_query_plan(
    scope: ast.AST, stmt: ast.stmt, root: ast.Call
) -> tuple[Plan | None, str]:
    """The rewrite plan for the Query `root` stored by `stmt` in `scope`, or (None, why not)."""
    if isinstance(stmt, ast.Return | ast.Expr):
        return None, RETURNED
    if isinstance(stmt, ast.AnnAssign):
        return None, ANNOTATED
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
        return None, ATTRIBUTE
    if isinstance(scope, ast.Module):
        return None, MODULE_LEVEL
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return None, CLASS_LEVEL
    var = stmt.targets[0].id
    found = query_root(stmt.value)
    if found is None or found[0] is not root:
        return None, ATTRIBUTE
    receiver = root.func.value if isinstance(root.func, ast.Attribute) else None
    names = _receiver_names(receiver) if receiver is not None else None
    if names is None:
        return None, "the session is not a plain name or attribute: rewrite it by hand"
    base, dotted = names
    args = scope.args
    if var in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return None, f"`{var}` is also a parameter of `{scope.name}()`: rewrite it by hand"

    nodes, parents, nested = _scope_index(scope)
    refinements: list[ast.Assign] = []
    uses: list[Use] = []
    links = list(found[1])
    seen_build = False
    for node in nodes:
        if isinstance(node, ast.Global | ast.Nonlocal) and var in node.names:
            return None, f"`{var}` is declared global or nonlocal: rewrite it by hand"
        bound = _binds(node)
        if var in bound:
            return None, f"`{var}` is rebound by an import, `except ... as`, `def`, `class` or `case`: rewrite it by hand"
        if base in bound and id(node) not in nested and getattr(node, "lineno", 0) > stmt.lineno:
            return None, f"the session `{dotted}` is rebound after the Query is built: rewrite it by hand"
        if isinstance(node, ast.Name | ast.Attribute) and id(node) not in nested and isinstance(node.ctx, ast.Store | ast.Del):
            text = _dotted(node)
            if text is not None and node is not stmt.targets[0] and text in (base, dotted):
                after = node.lineno > stmt.lineno or (node.lineno == stmt.lineno and node.col_offset > stmt.col_offset)
                if after:
                    return None, f"the session `{dotted}` is rebound after the Query is built: rewrite it by hand"
        if not (isinstance(node, ast.Name) and node.id == var):
            continue
        if id(node) in nested:
            return None, f"`{var}` is used in a nested function, lambda or class: the Query escapes"
        if node is stmt.targets[0]:
            seen_build = True
            continue
        if not seen_build:
            return None, f"`{var}` is used before the Query is stored in it: rewrite it by hand"
        parent = parents.get(id(node))
        if isinstance(node.ctx, ast.Del):
            return None, f"`del {var}`: rewrite it by hand"
        if isinstance(node.ctx, ast.Store):
            if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and parent.targets[0] is node:
                inner, chain = _refined_from(parent.value, var)
                last = chain[-1].func if chain else None
                if inner is None or (isinstance(last, ast.Attribute) and last.attr in TERMINALS | {"get"}):
                    return None, f"`{var}` is assigned something else later: rewrite it by hand"
                continue  # the refinement's links are collected from its `q` load
            if isinstance(parent, ast.AugAssign):
                return None, f"`{var}` is augmented (`{var} += ...`): rewrite it by hand"
            return None, f"`{var}` is rebound by a loop, `with`, unpacking or `:=`: rewrite it by hand"
        calls, outer = _chain_up(node, parents)
        holder = parents.get(id(outer))
        if calls and isinstance(calls[-1].func, ast.Attribute) and calls[-1].func.attr in TERMINALS:
            term = calls[-1]
            if term.args or term.keywords:
                return None, f"`.{calls[-1].func.attr}(...)` with arguments: rewrite it by hand"
            uses.append(Use(node, calls[-1].func.attr, calls[:-1]))
            links.extend(calls[:-1])
            continue
        if calls and isinstance(calls[-1].func, ast.Attribute) and calls[-1].func.attr == "get":
            return None, f"`{var}.get(...)`: use `session.get(Entity, pk)` (SQ107) and rewrite it by hand"
        if any(isinstance(c.func, ast.Attribute) and c.func.attr not in LINKS for c in calls):
            bad = next(c.func.attr for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr not in LINKS)
            return None, f"`{var}.{bad}()` is not a Query-building link or an execution: rewrite it by hand"
        if isinstance(holder, ast.Assign) and holder.value is outer and calls:
            target = holder.targets[0] if len(holder.targets) == 1 else None
            if isinstance(target, ast.Name) and target.id == var:
                refinements.append(holder)
                links.extend(calls)
                continue
        if isinstance(holder, ast.For) and holder.iter is outer:
            uses.append(Use(node, "iter", calls))
            links.extend(calls)
            continue
        if isinstance(holder, ast.comprehension) and holder.iter is outer:
            comp = parents.get(id(holder))
            if isinstance(comp, _COMPS) and comp.generators[0] is holder and not holder.is_async:
                uses.append(Use(node, "iter", calls))
                links.extend(calls)
                continue
        if isinstance(holder, ast.Return | ast.Yield | ast.YieldFrom):
            return None, RETURNED
        if isinstance(holder, ast.Call | ast.keyword):
            return None, f"`{var}` is passed to a function, so the Query escapes: convert the callee with it"
        return None, f"`{var}` is used as a Query here ({ast.unparse(holder or outer)[:40]}): rewrite it by hand"
    if not uses:
        return None, f"`{var}` is never executed here: rewrite it where it is consumed"
    if isinstance(scope, ast.AsyncFunctionDef) or any(isinstance(p, ast.AsyncFor) for p in nodes):
        # AsyncSession has no `.query()`; a sync Query in an async def is left to a human.
        return None, "a Query in an `async def`: rewrite it by hand"
    blocker = links_blocker(root, links)
    if blocker is not None:
        return None, blocker
    return Plan(scope, var, stmt, root, refinements, uses, links), ""


def _binds(node: ast.AST) -> set[str]:
    """Names a statement binds other than through `ast.Name` targets."""
    if isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
        return {node.name}
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.alias):
        return {(node.asname or node.name).partition(".")[0]}
    if isinstance(node, ast.MatchMapping) and node.rest:
        return {node.rest}
    return set()


def _refined_from(value: ast.expr, var: str) -> tuple[ast.Name | None, list[ast.Call]]:
    """`q.filter(...).order_by(...)` → (the `q` Name, links); (None, []) for anything else."""
    links: list[ast.Call] = []
    node = value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        links.append(node)
        node = node.func.value
    if isinstance(node, ast.Name) and node.id == var and links:
        links.reverse()
        return node, links
    return None, []


def enclosing(tree: ast.Module, text: str, line: int, col: int) -> tuple[ast.AST, ast.stmt, ast.Call] | None:
    """(scope, statement, `.query()` call) for the call at `line` / 1-based character `col`."""
    found: tuple[ast.AST, ast.stmt, ast.Call] | None = None
    lines = text.splitlines()
    source = lines[line - 1].encode("utf-8") if 0 < line <= len(lines) else b""

    def char_col(offset: int) -> int:
        return len(source[:offset].decode("utf-8", errors="replace"))

    def visit(node: ast.AST, scope: ast.AST, stmt: ast.stmt | None) -> None:
        nonlocal found
        for child in ast.iter_child_nodes(node):
            if found is not None:
                return
            here_stmt = child if isinstance(child, ast.stmt) else stmt
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "query"
                and child.lineno == line
                and char_col(child.col_offset) + 1 == col
                and here_stmt is not None
            ):
                found = (scope, here_stmt, child)
                return
            visit(child, child if isinstance(child, _SCOPES) else scope, here_stmt)

    visit(tree, tree, None)
    return found


# The same sets `_fix_query._kind` reads (kept equal by tests/rules/test_fix_storedquery.py):
# the detector cannot import the libcst fixer module.
COLUMN_FUNCS = frozenset(
    {"sqlalchemy.literal_column", "sqlalchemy.literal", "sqlalchemy.cast", "sqlalchemy.distinct",
     "sqlalchemy.label", "sqlalchemy.case", "sqlalchemy.type_coerce", "sqlalchemy.null",
     "sqlalchemy.true", "sqlalchemy.false", "sqlalchemy.tuple_", "sqlalchemy.and_", "sqlalchemy.or_",
     "sqlalchemy.not_", "sqlalchemy.column"}
)
CAMEL = CLASS_NAME
_COLUMN_METHODS = ("label", "distinct", "desc", "asc", "cast", "exists")


def _kind_known(expr: ast.expr, ctx: FileContext) -> bool:
    if isinstance(expr, ast.Call):
        qual = ctx.qualify(expr.func) or ""
        if qual.startswith("sqlalchemy.func") or qual in COLUMN_FUNCS:
            return True
        if qual in ("sqlalchemy.orm.aliased", "sqlalchemy.orm.with_polymorphic"):
            return True
        return isinstance(expr.func, ast.Attribute) and expr.func.attr in _COLUMN_METHODS
    fact = ctx.fact(expr)
    if fact.kind in (Kind.MODEL, Kind.TABLE) or (fact.kind is None and fact.via):
        return True
    if isinstance(expr, ast.Attribute):
        owner = ctx.fact(expr.value)
        if owner.kind in (Kind.MODEL, Kind.TABLE):
            return True
        if isinstance(expr.value, ast.Attribute) and expr.value.attr in ("c", "columns"):
            return True
        if CAMEL.match(expr.attr):
            return True
        if isinstance(expr.value, ast.Name) and CAMEL.match(expr.value.id):
            return True
    return isinstance(expr, ast.Name) and bool(CAMEL.match(expr.id))


def selection(expr: ast.expr, ctx: FileContext) -> Selection:
    """What decides whether the fixer calls `expr` (a `query()` argument) an entity or a column."""
    text = ast.unparse(expr)
    if isinstance(expr, ast.Call):
        qual = ctx.qualify(expr.func) or ""
        entity = qual in ("sqlalchemy.orm.aliased", "sqlalchemy.orm.with_polymorphic")
        return Selection(text, call_known=_kind_known(expr, ctx), call_entity=entity)
    fact = ctx.fact(expr)
    kind = fact.kind.value if fact.kind is not None else ""
    origin = fact.via if fact.kind is None else ""
    weak = fact.evidence.value == "weak"
    if not isinstance(expr, ast.Attribute):
        return Selection(text, kind=kind, weak=weak, origin=origin,
                         name_camel=isinstance(expr, ast.Name) and bool(CAMEL.match(expr.id)))
    owner = ctx.fact(expr.value)
    return Selection(
        text,
        kind=kind,
        weak=weak,
        origin=origin,
        attribute=True,
        owner_kind=owner.kind.value if owner.kind is not None else "",
        owner_origin=owner.via if owner.kind is None else "",
        columns=isinstance(expr.value, ast.Attribute) and expr.value.attr in ("c", "columns"),
        attr_camel=bool(CAMEL.match(expr.attr)),
        owner_name_camel=isinstance(expr.value, ast.Name) and bool(CAMEL.match(expr.value.id)),
    )
