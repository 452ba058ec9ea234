"""When the `with_parent()` fixers (SQ707 string property, SQ123 Query method) refuse, on `ast`.

SQ707's fixer names the relationship through the class of the parent object, found from how
that name is bound in the enclosing function (an annotation, `X(...)`, `session.get(X, pk)`,
`session.query(X)...first()`); SQ123's fixer needs an explicit `Parent.relationship`, which
SQ707 supplies first on the same call. Detection asks the same questions, so a finding is
SAFE only where the fixers act. No libcst here: detection imports this module.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.rules._fixers_b_shapes import enclosing_function

_FETCH = frozenset({"get", "first", "one", "one_or_none", "scalar_one", "scalar_one_or_none"})


def made_from(value: ast.expr) -> str | None:
    """`X(...)`, `session.get(X, ...)`, `session.query(X)...first()` → "X"."""
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and func.attr == "get" and len(value.args) == 2 and isinstance(value.args[0], ast.Name):
        return value.args[0].id
    if isinstance(func, ast.Attribute) and func.attr in _FETCH:
        node: ast.expr = func.value
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "query":
            node = node.func.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 1 and isinstance(node.args[0], ast.Name):
            return node.args[0].id
    return None


def _model_classes(ctx: FileContext) -> dict[str, ast.ClassDef]:
    return {c.name: c for c in ctx.tree.body if isinstance(c, ast.ClassDef)}


def is_model(name: str, ctx: FileContext) -> bool:
    return name in _model_classes(ctx) and ctx.fact(ast.Name(name, ast.Load())).kind is Kind.MODEL


def parent_class(name: str, call: ast.Call, ctx: FileContext) -> str | None:
    """The model class of the object bound to `name` in the function around `call`, or None."""
    node: ast.AST = enclosing_function(call, ctx) or ctx.tree
    found: set[str] = set()
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            if arg.arg == name and isinstance(arg.annotation, ast.Name):
                found.add(arg.annotation.id)
    for stmt in ast.walk(node):
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            found.add(made_from(stmt.value) or "?")
    if len(found) != 1:
        return None
    cls = found.pop()
    return cls if is_model(cls, ctx) else None


def declares(cls: str, attr: str, ctx: FileContext, depth: int = 0) -> bool:
    classes = _model_classes(ctx)
    node = classes.get(cls)
    if node is None or depth > 5:
        return False
    for stmt in node.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else getattr(stmt, "target", None)
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and isinstance(target, ast.Name) and target.id == attr:
            return True
    return any(isinstance(b, ast.Name) and declares(b.id, attr, ctx, depth + 1) for b in node.bases)


def string_prop_refusal(call: ast.Call, text: str, ctx: FileContext) -> str | None:
    """Why SQ707's fixer would not turn `with_parent(obj, "text")` into `Cls.text`, or None."""
    if not call.args or not isinstance(call.args[0], ast.Name):
        return "the parent object is not a plain name"
    if "." in text:
        return "the relationship is not a plain string name"
    name = call.args[0].id
    cls = parent_class(name, call, ctx)
    if cls is None:
        return f"the class of `{name}` is not known here: name the relationship by its attribute by hand"
    if not declares(cls, text, ctx):
        return f"`{cls}` has no attribute `{text}` declared in this file (a backref or inherited name?)"
    return None


EXPLICIT = (
    "`with_parent()` without an explicit `Parent.relationship` (or with `from_entity=`): "
    "name the relationship attribute by hand (SQ707)"
)
NOT_ATTRIBUTE = "the relationship is given as a string or an expression: use `Parent.relationship` (SQ707)"
SEVERAL = "`with_parent()` on a query of several entities or an alias: pass `from_entity` by hand"
COLUMNS = "`with_parent()` on a column query: rewrite by hand"


def query_with_parent_refusal(call: ast.Call, root: ast.expr, ctx: FileContext) -> str | None:
    """Why SQ123's fixer (after SQ707's on the same call) would refuse `query.with_parent(...)`."""
    if len(call.args) != 2 or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return EXPLICIT
    prop = call.args[1]
    if isinstance(prop, ast.Constant) and isinstance(prop.value, str):
        why = string_prop_refusal(call, prop.value, ctx)
        if why:
            return f"{NOT_ATTRIBUTE}: {why}"
    elif not isinstance(prop, ast.Attribute):
        return NOT_ATTRIBUTE
    if not (isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and root.func.attr == "query"):
        return None  # the chain check (`chain_blocker`) answers for other roots
    args = root.args
    if len(args) != 1 or root.keywords or not isinstance(args[0], ast.Name | ast.Attribute):
        return SEVERAL
    return None
