"""Fixers that replace relationship / attribute names given as strings (SQ701, SQ702, SQ703).

A string is replaced only when this file's own model classes prove what it means: the query's
single root entity (`session.query(User)`, `select(User)`, `Load(User)`), each attribute in
that class body (or a base class in the file), and each relationship's target class. Anything
else (a model from another module, a backref, several entities) raises CannotFix.

The dotted-path trap (SQ702): `joinedload("a.b")` set the strategy on the last link only, so
it becomes `defaultload(A.a).joinedload(B.b)`, never `joinedload(A.a).joinedload(B.b)`.
`contains_eager` is the exception: it chained itself on every link (1.4 `_from_keys`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from sqla_assist.core.evidence import Fact, Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_core import _method
from sqla_assist.rules._path_roots import option_root, root_entity
from sqla_assist.rules._with_parent_shapes import parent_class

_ORM = "sqlalchemy.orm"
_STRINGS = (cst.SimpleString, cst.ConcatenatedString)
_PATH = frozenset({"joinedload", "subqueryload", "selectinload", "lazyload", "immediateload", "noload",
                   "raiseload", "defaultload", "contains_eager", "defer", "undefer"})
_MAPPERS = frozenset({"relationship", "relation", "Column", "mapped_column", "column_property", "deferred",
                      "synonym", "composite", "query_expression", "association_proxy", "hybrid_property"})


@dataclass
class _Model:
    attrs: dict[str, str | None] = field(default_factory=dict)  # attribute → relationship target class
    bases: list[str] = field(default_factory=list)


def _called_name(value: ast.expr) -> str | None:
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name):
            return func.id
        if isinstance(func, ast.Attribute):
            return func.attr
    return None


def _target(value: ast.Call, annotation: ast.expr | None) -> str | None:
    """The class a `relationship()` points at: its first argument or its `Mapped[...]` annotation."""
    arg = value.args[0] if value.args else None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value.rpartition(".")[2]
    if isinstance(arg, ast.Name):
        return arg.id
    if arg is None and isinstance(annotation, ast.Subscript):
        inner: ast.expr = annotation.slice
        while isinstance(inner, ast.Subscript):  # Mapped[List["X"]]
            inner = inner.slice
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            return inner.value.strip("'\"").rpartition(".")[2]
        if isinstance(inner, ast.Name):
            return inner.id
    return ""  # a relationship whose target we cannot read


def _models(fx: FixContext) -> dict[str, _Model]:
    cached = getattr(fx, "_sqla_models", None)
    if isinstance(cached, dict):
        return cached
    models: dict[str, _Model] = {}
    for cls in fx.tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        model = _Model(bases=[b.id for b in cls.bases if isinstance(b, ast.Name)])
        for stmt in cls.body:
            target: ast.expr | None = None
            annotation: ast.expr | None = None
            value: ast.expr | None = None
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target, value = stmt.targets[0], stmt.value
            elif isinstance(stmt, ast.AnnAssign):
                target, value, annotation = stmt.target, stmt.value, stmt.annotation
            if not isinstance(target, ast.Name):
                continue
            called = _called_name(value) if value is not None else None
            if value is None and annotation is not None:
                model.attrs[target.id] = None  # `name: Mapped[str]`
            elif called in ("relationship", "relation") and isinstance(value, ast.Call):
                model.attrs[target.id] = _target(value, annotation)
            elif called in _MAPPERS:
                model.attrs[target.id] = None
        models[cls.name] = model
    fx._sqla_models = models  # type: ignore[attr-defined]
    return models


def _is_model(name: str, fx: FixContext) -> bool:
    return name in _models(fx) and fx.fact(cst.Name(name)).kind is Kind.MODEL


def _lookup(cls: str, attr: str, fx: FixContext, depth: int = 0) -> tuple[str, str | None]:
    """(owning class to name it by, relationship target or None) for `cls.attr`, or CannotFix."""
    models = _models(fx)
    model = models.get(cls)
    if model is None or depth > 5:
        raise CannotFix(f"`{cls}` is not a model class defined in this file: name `{attr}` by its attribute by hand")
    if attr in model.attrs:
        target = model.attrs[attr]
        if target == "" or (target is not None and target not in models):
            raise CannotFix(f"the target class of `{cls}.{attr}` is not defined in this file")
        return cls, target
    for base in model.bases:
        if base in models:
            try:
                _, target = _lookup(base, attr, fx, depth + 1)
            except CannotFix:
                continue
            return cls, target
    raise CannotFix(f"`{cls}` has no attribute `{attr}` declared in this file (a backref or inherited name?)")


def _attr(cls: str, attr: str) -> cst.Attribute:
    return cst.Attribute(value=cst.Name(cls), attr=cst.Name(attr))


def _string(value: cst.BaseExpression) -> str | None:
    if isinstance(value, _STRINGS):
        text = value.evaluated_value
        return text if isinstance(text, str) else None
    return None


# -- where the option or join sits ---------------------------------------------------------------
def _finding_call(fx: FixContext) -> ast.Call:
    finding = fx.finding
    if finding is not None:
        for node in ast.walk(fx.tree):
            if (
                isinstance(node, ast.Call)
                and node.lineno == finding.line
                and node.col_offset == finding.column - 1
                and node.end_lineno == finding.end_line
                and node.end_col_offset == finding.end_column - 1
            ):
                return node
    raise CannotFix("the option could not be located in the file")


class _AstQuestions:
    """The FileContext the shared `ast` checks (`_path_roots`, `_with_parent_shapes`) ask,
    answered from the fixer's context, facts settled across files as `fx.fact` settles them."""

    def __init__(self, fx: FixContext) -> None:
        self.fx = fx
        self.tree = fx.tree
        self.imports = fx.imports
        self.memo: dict[tuple[object, ...], object] = {}

    def fact(self, expr: ast.expr) -> Fact:
        return self.fx.ast_fact(expr)


def _questions(fx: FixContext) -> Any:
    cached = getattr(fx, "_sqla_path_questions", None)
    if cached is None:
        cached = _AstQuestions(fx)
        fx._sqla_path_questions = cached  # type: ignore[attr-defined]
    return cached


def _root_entity(chain: ast.expr, fx: FixContext, *, first_column: bool = False) -> str:
    """The single mapped class a query chain starts from (see `_path_roots.root_entity`)."""
    entity, why = root_entity(chain, _questions(fx), first_column=first_column)
    if entity is None:
        raise CannotFix(why)
    return entity


def _option_root(fx: FixContext) -> str:
    call = _finding_call(fx)
    entity, why = option_root(call, _questions(fx))
    if entity is None:
        raise CannotFix(why)
    return entity


# -- SQ701 / SQ702 -------------------------------------------------------------------------------
def _loader_name(call: cst.Call, fx: FixContext) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        qual = fx.qualify(func) or ""
        return qual.rpartition(".")[2] if qual.startswith("sqlalchemy") else func.value
    raise CannotFix("not a loader option")


def _links(node: cst.Call) -> list[cst.Call]:
    links = [node]
    cur = node
    while isinstance(cur.func, cst.Attribute) and isinstance(cur.func.value, cst.Call):
        cur = cur.func.value
        links.insert(0, cur)
    return links


def _tokens(args: list[cst.Arg]) -> list[str | cst.Attribute]:
    out: list[str | cst.Attribute] = []
    for arg in args:
        text = _string(arg.value)
        if text is not None:
            out.extend(text.split("."))
        elif isinstance(arg.value, cst.Attribute):
            out.append(arg.value)
        else:
            raise CannotFix("a loader argument that is neither a name nor a class-bound attribute")
    return out


def _resolve(token: str | cst.Attribute, entity: str | None, fx: FixContext) -> tuple[cst.BaseExpression, str | None]:
    """(class-bound attribute expression, its relationship target) for one path token."""
    if isinstance(token, str):
        if entity is None:
            raise CannotFix(f"cannot tell which class `{token}` belongs to")
        owner, target = _lookup(entity, token, fx)
        return _attr(owner, token), target
    if isinstance(token.value, cst.Name) and token.value.value in _models(fx):
        try:
            _, target = _lookup(token.value.value, token.attr.value, fx)
        except CannotFix:
            target = None
        return token, target
    return token, None


def fix_loader_strings(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`joinedload("orders.items")` → `defaultload(User.orders).joinedload(Order.items)`, etc."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a loader option call")
    links = _links(node)
    first = links[0]
    entity: str | None = None
    if (fx.qualify(first.func) or "").endswith(".Load") or _loader_name(first, fx) == "Load":
        if len(first.args) != 1 or not isinstance(first.args[0].value, cst.Name) or not _is_model(first.args[0].value.value, fx):
            raise CannotFix("`Load()` of something other than a model class defined in this file")
        entity = first.args[0].value.value
        expr: cst.BaseExpression | None = first
        links = links[1:]
    else:
        expr = None
        if any(_string(a.value) not in (None, "*") for a in first.args if a.keyword is None):
            entity = _option_root(fx)
    for link in links:
        name = _loader_name(link, fx)
        positional = [a for a in link.args if a.keyword is None]
        keywords = [a for a in link.args if a.keyword is not None]
        if any(a.star for a in link.args):
            raise CannotFix("`*args` in a loader option")
        if (len(positional) == 1 and _string(positional[0].value) == "*") or name in ("undefer_group", "with_expression"):
            expr = _append(expr, link, list(link.args))
            continue
        if name == "load_only":
            new_args = []
            for arg in positional:
                value, _ = _resolve(_string(arg.value) or _as_attr(arg.value), entity, fx)
                new_args.append(cst.Arg(value=value))
            expr = _append(expr, link, [*new_args, *keywords])
            continue
        if name not in _PATH:
            raise CannotFix(f"`{name}()` with string names: rewrite by hand")
        tokens = _tokens(positional)
        resolved: list[cst.BaseExpression] = []
        for token in tokens:
            if token == "*":
                raise CannotFix("a wildcard inside a path")
            value, target = _resolve(token, entity, fx)
            resolved.append(value)
            entity = target
        if len(resolved) == 1:
            expr = _append(expr, link, [cst.Arg(value=resolved[0]), *keywords])
            continue
        if name == "contains_eager":
            if keywords:
                raise CannotFix("`contains_eager()` path with keywords: decide which link they belong to")
            for value in resolved:
                expr = _append(expr, link, [cst.Arg(value=value)])
            continue
        for value in resolved[:-1]:
            expr = _defaultload(expr, value, fx)
        expr = _append(expr, link, [cst.Arg(value=resolved[-1]), *keywords])
    assert expr is not None
    return expr


def _as_attr(value: cst.BaseExpression) -> cst.Attribute:
    if not isinstance(value, cst.Attribute):
        raise CannotFix("a loader argument that is neither a name nor a class-bound attribute")
    return value


def _append(expr: cst.BaseExpression | None, link: cst.Call, args: list[cst.Arg]) -> cst.BaseExpression:
    """`link` with `args`, as the chain's first call or as a method on `expr`."""
    clean = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]
    if expr is None:
        return link.with_changes(args=clean)
    name = _method_name(link)
    return _method(expr, name, clean)


def _method_name(link: cst.Call) -> str:
    if isinstance(link.func, cst.Attribute):
        return link.func.attr.value
    if isinstance(link.func, cst.Name):
        return link.func.value
    raise CannotFix("not a loader option")


def _defaultload(expr: cst.BaseExpression | None, value: cst.BaseExpression, fx: FixContext) -> cst.BaseExpression:
    if expr is None:
        return cst.Call(func=fx.name(_ORM, "defaultload"), args=[cst.Arg(value=value)])
    return _method(expr, "defaultload", [cst.Arg(value=value)])


# -- SQ703 -------------------------------------------------------------------------------------
def fix_join_strings(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`q.join("orders", "items")` → `q.join(User.orders).join(Order.items)`; `join(A, "rel")` → `join(A, User.rel)`.

    In 1.4 each `join()` resolved a string against the query's first entity (the joinpoint was
    reset per call); a path's later names against the previous link's target.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a `join()` method call")
    func = node.func
    if any(a.keyword is not None and a.keyword.value not in ("isouter", "full") for a in node.args):
        raise CannotFix("`join()` keywords other than `isouter=`/`full=` (SQ706)")
    if any(a.star for a in node.args):
        raise CannotFix("`join(*args)`")
    call = _finding_call(fx)
    assert isinstance(call.func, ast.Attribute)
    entity = _root_entity(call.func.value, fx, first_column=True)
    positional = [a for a in node.args if a.keyword is None]
    keywords = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in node.args if a.keyword is not None]
    strings = [_string(a.value) for a in positional]
    if len(positional) == 2 and strings[0] is None and strings[1] is not None and "." not in strings[1]:
        value, _ = _resolve(strings[1], entity, fx)  # join(Target, "rel"): the ON clause
        return _method(func.value, func.attr.value, [cst.Arg(value=positional[0].value), cst.Arg(value=value), *keywords])
    if any(s is None and not isinstance(a.value, cst.Attribute) for s, a in zip(strings, positional, strict=True)):
        raise CannotFix("a join path mixing names with other targets")
    current: str | None = entity
    expr: cst.BaseExpression = func.value
    for token in _tokens(positional):
        value, target = _resolve(token, current, fx)
        expr = _method(expr, func.attr.value, [cst.Arg(value=value), *keywords])
        current = target
    return expr


# -- SQ707 -------------------------------------------------------------------------------------
def _class_of(name: str, fx: FixContext) -> str:
    """The model class of the object bound to `name` in the finding's function, from how it was made."""
    call = _finding_call(fx)
    cls = parent_class(name, call, _questions(fx))
    if cls is None:
        raise CannotFix(f"the class of `{name}` is not known here: name the relationship by its attribute by hand")
    return cls


def fix_with_parent_string(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ707: `with_parent(obj, "rel")` → `with_parent(obj, Cls.rel)`; 1.4 looked the name up on obj's class."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a `with_parent()` call")
    positional = [a for a in node.args if a.keyword is None]
    prop = next((a for a in node.args if a.keyword is not None and a.keyword.value in ("prop", "property")), None)
    if prop is None and len(positional) >= 2:
        prop = positional[1]
    if prop is None or not positional or not isinstance(positional[0].value, cst.Name):
        raise CannotFix("the parent object is not a plain name")
    text = _string(prop.value)
    if text is None or "." in text:
        raise CannotFix("the relationship is not a plain string name")
    cls = _class_of(positional[0].value.value, fx)
    owner, _ = _lookup(cls, text, fx)
    new = _attr(owner, text)
    return node.with_changes(args=[a.with_changes(value=new) if a is prop else a for a in node.args])
