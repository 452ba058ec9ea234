"""SQ109 fixer: a Query stored in a local variable and only executed in that function.

`q = session.query(User).filter(...)`, refined by `q = q.order_by(...)` (in branches too) and
executed by `q.all()` / `for u in q:` becomes `q = select(User).where(...)`, `q = q.order_by(...)`
and `session.scalars(q).all()` / `for u in session.scalars(q):`. The variable keeps its name: the
reader of the function sees the same flow, and a name never used elsewhere is not invented.

Each execution is written as the SQ101–SQ106 fixers write it (`first()` keeps `LIMIT 1`,
`scalar()` keeps the several-rows error, `count()` counts a subquery, one entity gives
`scalars()`, `.unique()` where Query de-duplicated). What may be rewritten is decided by
`_storedquery_shapes.stored_query_plan`, shared with the detector.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_query import _EAGER_JOIN, _attr_call, _kind
from sqla_assist.rules._query_fixability import JOINS, LINKS
from sqla_assist.rules._storedquery_shapes import TERMINALS, enclosing, stored_query_plan


def fix_stored_query(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """The stored chain `<session>.query(...)<links>` (the finding spans all of it): rewrites
    its function through a module edit."""
    finding = fx.finding
    stored = node
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value != "query":
        node = node.func.value
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or finding is None:
        raise CannotFix("not a `.query(...)` call")
    found = enclosing(fx.tree, fx.text, finding.line, finding.column)
    if found is None:
        raise CannotFix("the stored Query could not be found")
    scope, stmt, _root = found
    plan, why = stored_query_plan(scope, stmt, _root)
    if plan is None:
        raise CannotFix(why)
    kinds = [_kind(a, fx) for a in node.args]
    methods = plan.methods
    eager = any(
        isinstance(c.func, ast.Attribute) and c.func.attr == "options" and _EAGER_JOIN.search(ast.unparse(c))
        for c in plan.links
    )
    fans_out = any(m in JOINS or m == "select_from" for m in methods)
    has_entity = "entity" in kinds
    style = _Style(
        var=plan.var,
        session=fx.code(node.func.value),
        select=fx.code(fx.name("sqlalchemy", "select")),
        func=fx.code(fx.name("sqlalchemy", "func")) if any(u.terminal == "count" for u in plan.uses) else "",
        single=kinds == ["entity"],
        unique=has_entity and (len(kinds) > 1 or fans_out or eager),
    )
    ordinal = _function_ordinal(fx.tree, plan.scope)
    fx.edit_module(_Rewrite(plan.scope.name, ordinal, style).run)
    return stored


@dataclass(frozen=True)
class _Style:
    var: str
    session: str  # the receiver's code, e.g. `session` or `self.session`
    select: str  # how this file names `select` / `func`
    func: str
    single: bool  # one entity: `scalars()`
    unique: bool  # rows could repeat where Query de-duplicated: `.unique()`


def _function_ordinal(tree: ast.Module, target: ast.AST) -> int:
    """Position of `target` among all function definitions, in source order."""
    order: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                order.append(child)
            visit(child)

    visit(tree)
    return order.index(target)


def _base(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, list[cst.Call]]:
    """`x.a(...).b(...)` → (`x`, [a-call, b-call]) innermost first."""
    calls: list[cst.Call] = []
    node = expr
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        calls.append(node)
        node = node.func.value
    calls.reverse()
    return node, calls


def _relink(base: cst.BaseExpression, calls: list[cst.Call]) -> cst.BaseExpression:
    """Rebuild `calls` on `base`, each Query link renamed to its `Select` method."""
    expr = base
    for call in calls:
        assert isinstance(call.func, cst.Attribute)
        name = call.func.attr.value
        expr = call.with_changes(func=call.func.with_changes(value=expr, attr=cst.Name(LINKS.get(name, name))))
    return expr


class _Rewrite(cst.CSTTransformer):
    """Inside the one function: the build becomes `select(...)`, refinements use `Select`
    methods, each execution runs through the session. Recognised by shape, since every fix
    before this one may have rebuilt the module."""

    def __init__(self, name: str, ordinal: int, style: _Style) -> None:
        super().__init__()
        self.name = name
        self.ordinal = ordinal
        self.style = style
        self.seen = -1
        self.depth = 0  # > 0 inside the target function; nested scopes count further
        self.active = False

    def run(self, module: cst.Module) -> cst.Module:
        return module.visit(self)

    # -- scopes -----------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.seen += 1
        if self.depth:
            self.depth += 1
        elif self.seen == self.ordinal and node.name.value == self.name:
            self.depth, self.active = 1, True

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if self.depth:
            self.depth -= 1
        return updated_node

    def visit_Lambda(self, node: cst.Lambda) -> None:
        if self.depth:
            self.depth += 1

    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        if self.depth:
            self.depth -= 1
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.depth:
            self.depth += 1

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if self.depth:
            self.depth -= 1
        return updated_node

    @property
    def _here(self) -> bool:
        return self.depth == 1

    # -- rewrites ---------------------------------------------------------------------------
    def _is_var(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.style.var

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        if not self._here or len(updated_node.targets) != 1 or not self._is_var(updated_node.targets[0].target):
            return updated_node
        base, calls = _base(updated_node.value)
        if self._is_var(base) and calls:
            return updated_node.with_changes(value=_relink(base, calls))
        if not (isinstance(base, cst.Name | cst.Attribute) and calls and isinstance(calls[0].func, cst.Attribute)):
            return updated_node
        root = calls[0]
        assert isinstance(root.func, cst.Attribute)
        if root.func.attr.value != "query":
            return updated_node
        select = root.with_changes(func=cst.parse_expression(self.style.select))
        return updated_node.with_changes(value=_relink(select, calls[1:]))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not self._here or not isinstance(func, cst.Attribute) or func.attr.value not in TERMINALS or updated_node.args:
            return updated_node
        base, calls = _base(func.value)
        if not self._is_var(base):
            return updated_node
        stmt = _relink(base, calls)
        out = self._execute(stmt, func.attr.value, func.dot)
        return out.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        if not self._here:
            return updated_node
        return updated_node.with_changes(iter=self._iterate(updated_node.iter))

    def leave_CompFor(self, original_node: cst.CompFor, updated_node: cst.CompFor) -> cst.CompFor:
        if not self._here:
            return updated_node
        return updated_node.with_changes(iter=self._iterate(updated_node.iter))

    def _iterate(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        base, calls = _base(expr)
        if not self._is_var(base):
            return expr
        st = self.style
        result: cst.BaseExpression = _attr_call(self._session(), "scalars" if st.single else "execute", [cst.Arg(_relink(base, calls))])
        if st.unique:
            result = _attr_call(result, "unique")
        return result

    def _session(self) -> cst.BaseExpression:
        return cst.parse_expression(self.style.session)

    def _execute(self, stmt: cst.BaseExpression, terminal: str, dot: cst.Dot) -> cst.Call:
        """The 2.0 execution of `stmt` for a Query terminal, as `_fix_query.fix_terminal` writes it."""
        st = self.style
        session = self._session()
        if terminal == "count":
            counting = cst.Call(func=cst.parse_expression(st.select), args=[cst.Arg(_attr_call(cst.parse_expression(st.func), "count"))])
            inner = _attr_call(counting, "select_from", [cst.Arg(_attr_call(stmt, "subquery"))])
            return _attr_call(session, "scalar", [cst.Arg(inner)])
        if terminal == "first":
            limited = _attr_call(stmt, "limit", [cst.Arg(cst.Integer("1"))])
            return _attr_call(_attr_call(session, "scalars" if st.single else "execute", [cst.Arg(limited)]), "first", dot=dot)
        if terminal == "all":
            result: cst.BaseExpression = _attr_call(session, "scalars" if st.single else "execute", [cst.Arg(stmt)])
            if st.unique:
                result = _attr_call(result, "unique")
            return _attr_call(result, "all", dot=dot)
        if terminal in ("one", "one_or_none"):
            if st.single and st.unique:
                return _attr_call(_attr_call(_attr_call(session, "scalars", [cst.Arg(stmt)]), "unique"), terminal, dot=dot)
            result = _attr_call(session, "execute", [cst.Arg(stmt)])
            if st.unique:
                result = _attr_call(result, "unique")
            return _attr_call(result, f"scalar_{terminal}" if st.single else terminal, dot=dot)
        # scalar(): keeps the several-rows error (never `Session.scalar`).
        result = _attr_call(session, "execute", [cst.Arg(stmt)])
        if st.unique:
            result = _attr_call(result, "unique")
        return _attr_call(result, "scalar_one_or_none", dot=dot)
