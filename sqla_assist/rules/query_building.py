"""SQ109: a Query built in one place and consumed in another → a `select()` statement."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import OF_QUERY
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import _entity_like
from sqla_assist.rules._query_family import QueryRef, query_of
from sqla_assist.rules._selection_agree import report_selecting, settle_selection
from sqla_assist.rules._storedquery_shapes import RETURNED, query_root, stored_query_plan


class QueryBuildingChain(Rule):
    id = "SQ109"
    name = "query-building-chain"
    title = "build a `select()` statement instead of a Query that is stored, returned or yielded"
    fix_class = "typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Assign, ast.AnnAssign, ast.Return, ast.Yield, ast.Call, ast.FunctionDef, ast.AsyncFunctionDef)
    tokens = (b"query", b"Query")
    local_tokens = False  # a helper's Query is refined in statements that never spell it
    fixer = LazyFixer("sqla_assist.rules._fix_storedquery:fix_stored_query")
    # The entity-or-column question may rest on names from other modules (`_selection_agree`).
    settle_project = staticmethod(settle_selection)
    what = (
        "Flags a `session.query(...)` chain (with any Query-building links) that is assigned, "
        "returned or yielded rather than executed on the spot, or handed to another function "
        "(`search(session.query(Item), term)`), which then works on a Query; and a Query that a "
        "helper returns (`-> Query`, or `return session.query(...)`) refined with Query methods "
        "and stored or returned (`Trade.get_trades().order_by(...)`), or stored as it is when the "
        "helper is this file's (`query = model_query(models.Node)`), and a return annotation "
        "that declares a Query (`-> Query[Trade]`). When a stored Query cannot be fixed, each "
        "`q = q.filter(...)` that refines it and each call that hands the variable to another "
        "function (`paginate(q, n)`) is flagged too: those lines change with it."
    )
    why = (
        "The Query-building links map one-to-one onto `select()` (`filter` → `where`, `join`, "
        "`order_by`, `limit`, `options`, ...). When the Query leaves the expression that built it, "
        "its consumers must be converted together with it: they are the terminal rules "
        "(SQ101–SQ108) in another line or function."
    )
    example = Example(
        before=(
            "def recent(session: Session, name, newest_first):\n"
            "    q = session.query(User).filter(User.name.like(name))\n"
            "    if newest_first:\n"
            "        q = q.order_by(User.id.desc())\n"
            "    first = q.first()\n"
            "    return first, q.count()"
        ),
        after=(
            "def recent(session: Session, name, newest_first):\n"
            "    q = select(User).where(User.name.like(name))\n"
            "    if newest_first:\n"
            "        q = q.order_by(User.id.desc())\n"
            "    first = session.scalars(q.limit(1)).first()\n"
            "    return first, session.scalar(select(func.count()).select_from(q.subquery()))"
        ),
    )
    use_instead = (
        "`stmt = select(...)` with the same links (`filter` becomes `where`; `filter_by`, "
        "`with_entities` and friends have their own rules), and `session.scalars(stmt)` / "
        "`session.execute(stmt)` wherever the Query was consumed."
    )
    fix_safety = (
        "Typed: fixed only when the Query is stored in a local variable of one function, refined "
        "there only by `q = q.<link>(...)` (in branches and loops too), and every other use is a "
        "complete execution (`all`, `first`, `one`, `one_or_none`, `scalar`, `count`, or a `for` "
        "loop / comprehension over it), all through the session that built it, which is not "
        "rebound in between. Each execution is written as SQ101–SQ106 write it. The variable keeps "
        "its name (it now holds a `Select`): readers of the function see the same flow and no new "
        "name is invented. Returned, yielded, passed-on, captured, attribute-stored, module-level "
        "or annotated Queries are left (still supported) and flagged with the reason; a guessed "
        "session makes the fix unsafe."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “ORM Query Unified with Core Select”",
        "SQLAlchemy ORM API, `Query` method docstrings (“v2 equivalent method”)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Call):
            self._passed(node, ctx)
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self._annotated(node, ctx)
            return
        value = getattr(node, "value", None)
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute | ast.Name)):
            return
        ref = query_of(value, ctx, helpers=True)
        if ref is not None and isinstance(ref.root, ast.Name) and ref.links and isinstance(node, ast.Assign):
            self._refined(node, ref.root, value, ctx)
            return
        if ref is None or not isinstance(ref.root, ast.Call):
            return
        if ref.helper:
            # A bare `return helper()` is a helper itself (its callers are flagged); a bare
            # `x = helper()` stores the helper's Query for this function to consume: that line
            # changes with the helper (OpenStack's `query = model_query(models.Node)`).
            # (A helper of this file: one imported from elsewhere is settled by the gathering
            # pass, which only sees files that spell `query`.)
            if ref.links or (not isinstance(node, ast.Return) and not ref.via.endswith(OF_QUERY)):
                refined = "refined and " if ref.links else ""
                ctx.report(
                    self,
                    ref.root,
                    f"Query from `{ast.unparse(ref.root.func)}()` {refined}{_where(node)} here: have the "
                    "helper return a `select(...)` and run the statement with `session.scalars(stmt)` / "
                    "`session.execute(stmt)` where it is consumed",
                    evidence=ref.evidence,
                    via=ref.via,
                )
            return
        if ref.evidence is Evidence.WEAK and not ref.via and not (ref.root.args and all(_entity_like(a) for a in ref.root.args)):
            # `self.session.query(self.obj)` on a guessed session: other libraries' `.query()`.
            # (A session from another module, `via`, is settled by the gathering pass.)
            return
        where = "returned" if isinstance(node, ast.Return) else "yielded" if isinstance(node, ast.Yield) else "stored"
        message = (
            f"Query {where} here: build `select(...)` instead and run it with "
            "`session.scalars(stmt)` / `session.execute(stmt)` where it is consumed"
        )
        # Offer the fix exactly where `_fix_storedquery` will take it; otherwise say why.
        if isinstance(node, ast.Yield):
            plan, blocker = None, RETURNED
        else:
            assert isinstance(node, ast.stmt)
            plan, blocker = stored_query_plan(ctx.scope.node, node, ref.root)
        if plan is None:
            message = f"{message}; not fixed automatically: {blocker}"
        # SAFE, UNSAFE or MANUAL as `_fix_query._kind` will classify the selected elements.
        # The span is the whole stored chain: its links (`.filter(...)` on the lines below the
        # `.query(...)`) are lines of this change too.
        report_selecting(
            self,
            ctx,
            value if not isinstance(node, ast.Yield) else ref.root,
            message,
            list(ref.root.args),
            fix=FixSafety.SAFE if plan is not None else FixSafety.MANUAL,
            evidence=ref.evidence,
            via=ref.via,
        )

    def _annotated(self, func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext) -> None:
        """`def get_trades(...) -> Query[Trade]:` promises its callers a Query: the signature
        changes with the migration (to `Select`, or the rows it runs), and so do the callers."""
        if func.returns is None or any(_is_overload(d) for d in func.decorator_list):
            return  # `@overload` stubs: the implementation's signature is the one reported
        fact = ctx.inference.annotation(func.returns)
        if fact is None or fact.kind is not Kind.QUERY:
            return
        args = func.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            given = ctx.inference.annotation(arg.annotation)
            if given is not None and given.kind is Kind.QUERY:
                # `apply(self, query: Query, value) -> Query` (a Flask-AppBuilder filter): the
                # signature follows whoever builds and hands in the Query, not this function.
                return
        ctx.report(
            self,
            func.returns,
            f"`{func.name}()` is declared to return a Query: return a `select(...)` statement "
            "(`-> Select`) and run it where it is consumed (every caller changes with it)",
        )

    def _passed(self, call: ast.Call, ctx: FileContext) -> None:
        """`search(session.query(Item.id), "x")`: the callee receives (and likely returns) a Query.

        A guessed session counts only with entity arguments, as for stored Queries. Query
        methods taking a Query (`union`, `except_`) and `in_()` are skipped; their own rules
        speak for those shapes.
        """
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in _QUERY_TAKERS:
            return
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            if isinstance(arg, ast.Name) and name not in _READERS:
                self._passed_variable(call, name or ast.unparse(func), arg, ctx)
                continue
            if not (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)):
                continue
            ref = query_of(arg, ctx)
            if ref is None or not isinstance(ref.root, ast.Call):
                continue
            if ref.evidence is Evidence.WEAK and not ref.via and not (
                ref.root.args and all(_entity_like(a) for a in ref.root.args)
            ):
                continue
            ctx.report(
                self,
                ref.root,
                f"Query passed to `{name or ast.unparse(func)}()`: pass a `select(...)` statement "
                "instead and convert the callee together with it",
                fix=FixSafety.MANUAL,
                evidence=ref.evidence,
                via=ref.via,
            )


    def _passed_variable(self, call: ast.Call, callee: str, arg: ast.Name, ctx: FileContext) -> None:
        """`page = paginate(query, n)` with `query` holding a stored Query: the callee runs it,
        so this call changes when the Query becomes a statement (RULES.md SQ109: helper
        functions that take a Query). The store site says the Query escapes; this is where."""
        scope = ctx.scope.node
        if not dict.__contains__(ctx.scope.bindings, arg.id) or arg.id in _parameters(scope):
            return  # not a local of this function (checked before any inference: most calls)
        ref = query_of(arg, ctx)
        if ref is None or ref.root is not arg or (ref.evidence is Evidence.WEAK and not ref.via):
            return
        if _stored_in_scope(ctx.scope.node, arg.id, call.lineno) is None:
            return  # a parameter or a global: the function that built it reports it
        ctx.report(
            self,
            call,
            f"Query `{arg.id}` passed to `{callee}()`: pass a `select(...)` statement instead and "
            "convert the callee together with it",
            fix=FixSafety.MANUAL,
            evidence=ref.evidence,
            via=ref.via,
        )

    def _refined(self, stmt: ast.Assign, var: ast.Name, value: ast.Call, ctx: FileContext) -> None:
        """`q = q.filter(...)` on a Query stored in this function that cannot be fixed
        automatically: each refinement is a line to rewrite by hand with it. (When the store
        is fixable, the fix rewrites the refinements too, under the store's finding.)"""
        if not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == var.id):
            return
        scope = ctx.scope.node
        build = _stored_in_scope(scope, var.id, stmt.lineno)
        if build is None:
            return
        root = _chain_root(build.value)
        ref = query_of(build.value, ctx)
        if root is None or ref is None or ref.root is not root:
            if not (isinstance(root, ast.Attribute) and ctx.fact(build.value).kind is Kind.QUERY):
                return
            # A bare `q = self.user_model.query` refined later: the refinement says the
            # attribute is a Query, as SQ128 found it at the store.
            ref = QueryRef(root, (), Evidence.WEAK)
        if isinstance(root, ast.Attribute):
            # `q = Proposal.query.filter_by(...)`: SQ128 reports the store; no fixer takes it.
            blocker = f"the Query comes from `{ast.unparse(root)}` (SQ128): rewrite it by hand"
        else:
            if ref.evidence is Evidence.WEAK and not ref.via and not (root.args and all(_entity_like(a) for a in root.args)):
                return  # the store site is not reported either
            plan, blocker = stored_query_plan(scope, build, root)
            if plan is not None:
                return
        ctx.report(
            self,
            value,
            f"Query `{var.id}` (stored at line {build.lineno}) refined here: refine the `select(...)` "
            f"statement instead, together with the store; not fixed automatically: {blocker}",
            fix=FixSafety.MANUAL,
            evidence=ref.evidence,
            via=ref.via,
        )


def _stored_in_scope(scope: ast.AST, var: str, before: int) -> ast.Assign | None:
    """The last `var = <session>.query(...)...` in `scope`'s own body above line `before`."""
    found: ast.Assign | None = None
    for node in _own_nodes(scope):
        if (
            isinstance(node, ast.Assign)
            and node.lineno < before
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == var
            and _chain_root(node.value) is not None
            and (found is None or node.lineno > found.lineno)
        ):
            found = node
    return found


def _parameters(scope: ast.AST) -> set[str]:
    args = getattr(scope, "args", None)
    if not isinstance(args, ast.arguments):
        return set()
    return {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}


def _chain_root(expr: ast.expr) -> ast.Call | ast.Attribute | None:
    """The `<recv>.query(...)` call or `Model.query` attribute a method chain starts from."""
    found = query_root(expr)
    if found is not None:
        return found[0]
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node if isinstance(node, ast.Attribute) and node.attr == "query" else None


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The statements of `scope`, nested functions and classes left out."""
    out: list[ast.AST] = []
    stack = list(getattr(scope, "body", []))
    while stack:
        node = stack.pop()
        out.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                stack.append(child)
    return out


def _is_overload(decorator: ast.expr) -> bool:
    """`@overload` / `@typing.overload` / `@t.overload` (by name: shadowing it would be perverse)."""
    return (isinstance(decorator, ast.Name) and decorator.id == "overload") or (
        isinstance(decorator, ast.Attribute) and decorator.attr == "overload"
    )


def _where(node: ast.AST) -> str:
    return "returned" if isinstance(node, ast.Return) else "yielded" if isinstance(node, ast.Yield) else "stored"


# Calls whose Query argument other rules (or nobody: `in_()` takes a Query as a subquery) own.
_QUERY_TAKERS = frozenset({
    "union", "union_all", "intersect", "intersect_all", "except_", "except_all",
    "in_", "notin_", "not_in", "exists", "execute",
})

# Builtins that read a Query without running it through another function's logic: rendering
# (`str(q)`, `print(q)`), type checks; iteration (`list(q)`) is the terminal rules' business.
_READERS = frozenset({
    "str", "repr", "print", "isinstance", "type", "id", "len", "list", "tuple", "set", "sorted",
    "iter", "next", "bool", "hasattr", "getattr", "setattr", "vars", "dir", "format",
})
