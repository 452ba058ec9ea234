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

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_core import _method

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
def _finding_call(fx: FixContext) -> tuple[ast.Call, dict[int, ast.AST]]:
    finding = fx.finding
    parents: dict[int, ast.AST] = {}
    found: ast.Call | None = None
    for parent in ast.walk(fx.tree):
        for child in ast.iter_child_nodes(parent):
            parents[id(child)] = parent
            if (
                found is None
                and finding is not None
                and isinstance(child, ast.Call)
                and child.lineno == finding.line
                and child.col_offset == finding.column - 1
                and child.end_lineno == finding.end_line
                and child.end_col_offset == finding.end_column - 1
            ):
                found = child
    if found is None:
        raise CannotFix("the option could not be located in the file")
    return found, parents


def _root_entity(chain: ast.expr, fx: FixContext, *, first_column: bool = False) -> str:
    """The single mapped class a query chain starts from: `X.query(E)`, `select(E)`, `E.query`.

    With `first_column` (joins) the query may select columns: 1.4 resolved a join's string
    against its first entity, the class of `query(U.name, A.email)`'s first column.
    """
    node = chain
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("select_from", "with_entities", "add_entity", "add_columns", "from_self", "select_entity_from"):
                raise CannotFix(f"`.{node.func.attr}()` changes which entity a string name refers to")
            if node.func.attr == "query":
                return _single_entity(node, fx, first_column)
            node = node.func.value
        elif isinstance(node, ast.Call) and fx.imports.qualify(node.func) in ("sqlalchemy.select", "sqlalchemy.future.select", "sqlalchemy.sql.expression.select"):
            return _single_entity(node, fx, first_column)
        elif isinstance(node, ast.Attribute) and node.attr == "query" and isinstance(node.value, ast.Name):
            if _is_model(node.value.id, fx):
                return node.value.id
            raise CannotFix("the query's entity is not a model class defined in this file")
        else:
            raise CannotFix("the query this option belongs to is not visible here")


def _single_entity(call: ast.Call, fx: FixContext, first_column: bool = False) -> str:
    if first_column and call.args and not call.keywords:
        first = call.args[0]
        if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name):
            first = first.value
        if isinstance(first, ast.Name) and _is_model(first.id, fx):
            return first.id
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name):
        raise CannotFix("the query selects more than one entity (or not a class): say which by hand")
    name = call.args[0].id
    if not _is_model(name, fx):
        raise CannotFix(f"`{name}` is not a model class defined in this file")
    return name


def _option_root(fx: FixContext) -> str:
    call, parents = _finding_call(fx)
    # The option may be the receiver of further chained links: climb to the outermost link.
    node: ast.AST = call
    while True:
        parent = parents.get(id(node))
        if isinstance(parent, ast.Attribute) and isinstance(parents.get(id(parent)), ast.Call):
            grand = parents[id(parent)]
            assert isinstance(grand, ast.Call)
            if grand.func is parent and parent.attr != "options":
                node = grand
                continue
        break
    holder = parents.get(id(node))
    if not (isinstance(holder, ast.Call) and isinstance(holder.func, ast.Attribute) and holder.func.attr == "options"
            and node in holder.args):
        raise CannotFix("the option is not written inside `.options(...)` of a query here, so its entity is unknown")
    return _root_entity(holder.func.value, fx)


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
    call, _ = _finding_call(fx)
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
_FETCH = frozenset({"get", "first", "one", "one_or_none", "scalar_one", "scalar_one_or_none"})


def _class_of(name: str, fx: FixContext) -> str:
    """The model class of the object bound to `name` in the finding's function, from how it was made."""
    call, parents = _finding_call(fx)
    node: ast.AST = call
    while not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
        node = parents.get(id(node), fx.tree)
    found: set[str] = set()
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            if arg.arg == name and isinstance(arg.annotation, ast.Name):
                found.add(arg.annotation.id)
    for stmt in ast.walk(node):
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            found.add(_made_from(stmt.value) or "?")
    if len(found) != 1 or not _is_model(next(iter(found)), fx):
        raise CannotFix(f"the class of `{name}` is not known here: name the relationship by its attribute by hand")
    return found.pop()


def _made_from(value: ast.expr) -> str | None:
    """`X(...)`, `session.get(X, ...)`, `session.query(X)...first()` → "X"."""
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and func.attr == "get" and len(value.args) == 2 and isinstance(value.args[0], ast.Name):
        return value.args[0].id  # session.get(X, pk)
    if isinstance(func, ast.Attribute) and func.attr in _FETCH:
        node: ast.expr = func.value
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "query":
            node = node.func.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 1 and isinstance(node.args[0], ast.Name):
            return node.args[0].id
    return None


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
