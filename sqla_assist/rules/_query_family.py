"""Shared detection for the Query-method rules (SQ108–SQ128): "is this expression a Query?".

`_helpers.query_chain` answers that for a chain that *ends* in a terminal. The rules here
need the same answer for the receiver of a Query-returning method, for the value of a `for`
loop, for the argument of `Session.execute()`, and for chains rooted at `Model.query`
(Flask-SQLAlchemy / `query_property()`), so the walk is generalised here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import ClassVar

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import QUERY_METHODS, SESSIONLIKE, Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.core.rule import Rule
from sqla_assist.rules._helpers import (
    QUERY_ONLY,
    _entity_like,
    evidence_of,
    helper_query,
    literal_query_args,
    session_fact,
    via_for,
)
from sqla_assist.rules._selection_agree import report_selecting

_CAMEL = CLASS_NAME
# Variables that hold a Query by convention (`query = query.filter(...)` in helpers).
_QUERY_NAME = re.compile(r"^(q|qry|query|base_query|.*_query|query_.*)$", re.I)
_MODEL_KINDS = frozenset({Kind.MODEL})
_QUERY_KINDS = frozenset({Kind.QUERY})
_VIA_QUERY = re.compile(r"\.query\(\)((?:\.\w+\(\))*)$")
# `app.models.Proposal.query.filter_by()`: a chain on an imported Flask model's `Model.query`.
_VIA_MODEL_QUERY = re.compile(r"\.[A-Z]\w*\.query((?:\.\w+\(\))*)$")

# Methods that end a Query chain (they return rows, counts or objects, not a Query).
TERMINALS = frozenset(
    ["all", "first", "one", "one_or_none", "scalar", "count", "get", "exists", "update", "delete", "subquery", "cte", "scalar_subquery", "as_scalar", "label", "value", "values", "get_or_404", "first_or_404", "one_or_404", "paginate", "instances", "merge_result", "tuples", "only_return_tuples"]
)


@dataclass(frozen=True)
class QueryRef:
    """An expression known (or guessed) to evaluate to a `Query`."""

    root: ast.expr  # `session.query(...)` call, `Model.query` attribute, or a variable
    links: tuple[ast.Call, ...]  # Query-returning calls after the root, innermost first
    evidence: Evidence
    via: str = ""
    helper: bool = False  # the root is a call of a helper that returns a Query

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(c.func.attr for c in self.links if isinstance(c.func, ast.Attribute))

    @property
    def entities(self) -> list[ast.expr]:
        """What the query selects: `session.query(...)`'s arguments, or the `Model` of `Model.query`."""
        if isinstance(self.root, ast.Call) and isinstance(self.root.func, ast.Attribute):
            if self.root.func.attr == "query":
                return list(self.root.args)
        if isinstance(self.root, ast.Attribute) and self.root.attr == "query":
            return [self.root.value]
        return []

    def link(self, name: str) -> ast.Call | None:
        for call in self.links:
            if isinstance(call.func, ast.Attribute) and call.func.attr == name:
                return call
        return None


def query_of(
    expr: ast.expr, ctx: FileContext, *, distinctive: bool = False, helpers: bool = False
) -> QueryRef | None:
    """The Query that `expr` evaluates to, or None.

    Every link between the root and `expr` must be a Query-returning method. `distinctive`
    says the caller's method name exists on no other popular API (`from_self`, `with_entities`),
    which lets a conventionally named variable (`query`, `q`) count as weak evidence.
    `helpers`: the root may be a call of a function or method that returns a Query.
    """
    links: list[ast.Call] = []
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "query":
        if node.func.attr not in QUERY_METHODS:
            return _helper_ref(node, links, ctx) if helpers else None
        links.append(node)
        node = node.func.value
    if helpers and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _helper_ref(node, links, ctx)
    links.reverse()
    methods = {c.func.attr for c in links if isinstance(c.func, ast.Attribute)}
    hinted = distinctive or bool(methods & QUERY_ONLY)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        fact = session_fact(node.func.value, ctx)
        if fact is None or (not fact.strong and literal_query_args(node)):
            return None
        if fact.kind in SESSIONLIKE or fact.via:
            return QueryRef(node, tuple(links), evidence_of(fact), via_for(fact, SESSIONLIKE))
        if hinted and node.args and all(_entity_like(a) for a in node.args):
            return QueryRef(node, tuple(links), Evidence.WEAK)
        return None
    if isinstance(node, ast.Attribute) and node.attr == "query":
        model = model_query(node, ctx)
        if model is None:
            return None
        evidence, via = model
        if evidence is Evidence.STRONG or links or distinctive:
            return QueryRef(node, tuple(links), evidence, via)
        return None
    if isinstance(node, ast.Name | ast.Attribute):
        fact = ctx.fact(node)
        if fact.kind is Kind.QUERY:
            return QueryRef(node, tuple(links), evidence_of(fact), via_for(fact, SESSIONLIKE))
        if fact.kind is not None:
            return None
        if _from_query_call(fact.via):
            # `q = db.session.query(X)` with `db` from another module: the gathering pass decides.
            return QueryRef(node, tuple(links), Evidence.WEAK, via_for(fact, _QUERY_KINDS))
        name = node.id if isinstance(node, ast.Name) else node.attr
        if hinted and _QUERY_NAME.match(name):
            return QueryRef(node, tuple(links), Evidence.WEAK)
    return None


def _helper_ref(call: ast.Call, links: list[ast.Call], ctx: FileContext) -> QueryRef | None:
    """`Trade.get_trades(...).order_by(...)`: a Query chain on what a helper returned."""
    fact = helper_query(call, ctx)
    if fact is None:
        return None
    return QueryRef(call, tuple(reversed(links)), evidence_of(fact), via_for(fact, SESSIONLIKE), helper=True)


def _from_query_call(via: str) -> bool:
    """`app.db.session.query().filter()`: a cross-module value built by a Query chain."""
    m = (_VIA_QUERY.search(via) or _VIA_MODEL_QUERY.search(via)) if via else None
    if m is None:
        return False
    return all(part[:-2] in QUERY_METHODS for part in m.group(1).split(".") if part)


# -- Model.query ----------------------------------------------------------------------------


@dataclass
class _ModelInfo:
    tree: ast.Module
    flask_models: set[str]  # classes deriving from `db.Model` (directly or through others)
    property_bases: set[str]  # classes given `query = <scoped>.query_property()`
    plain_classes: set[str]  # every class defined in the file
    column_mixins: set[str]  # classes whose body assigns `Column(...)`: mixed into models


def _declares_column(stmt: ast.stmt) -> bool:
    """`id = db.Column(...)` / `sa.Column(...)` in a class body."""
    value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
    return isinstance(value, ast.Call) and _last_name(value.func) in ("Column", "mapped_column")


def _is_query_property(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "query_property"
    )


# Annotations that declare a class-level `query` set elsewhere by `query_property()`.
_QUERY_PROPERTY_TYPES = frozenset({"QueryPropertyDescriptor", "_QueryDescriptorType", "Query"})


def declares_query_property(stmt: ast.stmt) -> bool:
    """`query: ClassVar[QueryPropertyDescriptor]` in a class body (freqtrade assigns the
    property from another module, so the annotation is the local evidence)."""
    if not (
        isinstance(stmt, ast.AnnAssign)
        and isinstance(stmt.target, ast.Name)
        and stmt.target.id == "query"
        and stmt.value is None
    ):
        return False
    ann = stmt.annotation
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        try:
            ann = ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return False
    if not (isinstance(ann, ast.Subscript) and _last_name(ann.value) == "ClassVar"):
        return False
    inner = ann.slice.value if isinstance(ann.slice, ast.Subscript) else ann.slice
    return _last_name(inner) in _QUERY_PROPERTY_TYPES


def _last_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    return expr.attr if isinstance(expr, ast.Attribute) else ""


def model_info(ctx: FileContext) -> _ModelInfo:
    """Per-file facts about classes: which have a `.query` that is a Query."""
    cached = ctx.memo.get(("model_info",))
    if isinstance(cached, _ModelInfo):
        return cached
    info = _ModelInfo(ctx.tree, set(), set(), set(), set())
    classes: list[ast.ClassDef] = []
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.ClassDef):
            classes.append(node)
            info.plain_classes.add(node.name)
            if any(_declares_column(stmt) for stmt in node.body):
                info.column_mixins.add(node.name)
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and _is_query_property(stmt.value):
                    if any(isinstance(t, ast.Name) and t.id == "query" for t in stmt.targets):
                        info.property_bases.add(node.name)
                elif declares_query_property(stmt):
                    info.property_bases.add(node.name)
        elif isinstance(node, ast.Assign) and _is_query_property(node.value):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "query":
                    if isinstance(target.value, ast.Name):
                        info.property_bases.add(target.value.id)
    # Propagate through subclassing, in as many passes as the hierarchy is deep.
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name in info.flask_models or cls.name in info.property_bases:
                continue
            for base in cls.bases:
                if _is_flask_model_base(base, ctx) or (isinstance(base, ast.Name) and base.id in info.flask_models):
                    info.flask_models.add(cls.name)
                    changed = True
                    break
                if isinstance(base, ast.Name) and base.id in info.property_bases:
                    info.property_bases.add(cls.name)
                    changed = True
                    break
    ctx.memo[("model_info",)] = info
    return info


def _is_flask_model_base(base: ast.expr, ctx: FileContext) -> bool:
    """`db.Model` where `db` is a Flask-SQLAlchemy `SQLAlchemy()`, here or imported."""
    if not (isinstance(base, ast.Attribute) and base.attr == "Model"):
        return False
    owner = ctx.inference.fact(base.value, ctx.module_scope)
    if owner.kind is Kind.FLASK_DB:
        return True
    return isinstance(base.value, ast.Name) and base.value.id == "db" and not owner.strong


def model_query(attr: ast.Attribute, ctx: FileContext) -> tuple[Evidence, str] | None:
    """Evidence that `X.query` is a Query: strong for Flask / `query_property()` models."""
    value = attr.value
    if isinstance(value, ast.Name):
        owner = _cls_owner(value, ctx)
        if owner is not None:
            # `cls.query` in a classmethod is `Owner.query`: judge the class it names.
            value = ast.copy_location(ast.Name(id=owner, ctx=ast.Load()), value)
        name = value.id
    elif isinstance(value, ast.Attribute):
        name = value.attr
    else:
        return None
    if not _CAMEL.match(name):
        return None
    info = model_info(ctx)
    if isinstance(value, ast.Name):
        if name in info.flask_models or name in info.property_bases:
            return Evidence.STRONG, ""
        if name in info.plain_classes:
            # Defined here without a Query-providing base: a model of a declarative base
            # could still get `query` from elsewhere, so only a weak guess.
            fact = ctx.fact(value)
            if fact.kind is None and fact.via.endswith("<subclass>"):
                # Its base comes from another module (`BaseModel = db.Model` re-exported):
                # as for an imported model, the gathering pass confirms or drops it.
                return Evidence.WEAK, via_for(fact, _MODEL_KINDS)
            if fact.kind is Kind.MODEL or name in info.column_mixins:
                # (A mixin of columns, `class BaseMixin(object): id = db.Column(...)`, is mixed
                # into models: its classmethods' `cls.query` is theirs.)
                return Evidence.WEAK, ""
            return None
    fact = ctx.fact(value)
    if fact.kind is not None and fact.kind is not Kind.MODEL:
        return None
    qual = ctx.imports.qualify(value)
    if qual is not None and qual.startswith("sqlalchemy"):
        return None
    return Evidence.WEAK, via_for(fact, _MODEL_KINDS) if fact.via else ""


# -- a base for "method X called on a Query" rules -----------------------------------------


class QueryMethodRule(Rule):
    """Flags `<Query>.<method>(...)` for the methods in `methods`."""

    methods: ClassVar[frozenset[str]]
    distinctive: ClassVar[bool] = False
    nodes = (ast.Call,)
    fix_class = "typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"

    def check(self, node: ast.AST, ctx: FileContext, at: ast.AST | None = None) -> None:
        """`at`: report on this node instead (a subclass's choice of span)."""
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in self.methods):
            return
        if not self.accepts(node):
            return
        ref = query_of(func.value, ctx, distinctive=self.distinctive, helpers=True)
        if ref is None:
            return
        message, fix = self.describe(node, ref, ctx)
        if ref.helper:
            fix = FixSafety.MANUAL  # the Query is built inside the helper: convert it there first
        if message:
            args = self.selecting(node, ref) if fix is not FixSafety.MANUAL else None
            if args is None:
                ctx.report(self, at or node, message, fix=fix, evidence=ref.evidence, via=ref.via)
            else:
                report_selecting(
                    self, ctx, at or node, message, args, fix=fix, evidence=ref.evidence, via=ref.via,
                    entity_only=self.entity_only(node),
                )

    def accepts(self, node: ast.Call) -> bool:
        return True

    def selecting(self, node: ast.Call, ref: QueryRef) -> list[ast.expr] | None:
        """The `query()` arguments the fixer classifies as entity or column (its SAFE/UNSAFE/MANUAL
        verdict follows theirs, see `_selection_agree`); None when the fixer does not ask.
        A rule that answers must also set `settle_project = staticmethod(settle_selection)`."""
        return None

    def entity_only(self, node: ast.Call) -> str:
        """The fixer's reason to refuse when `selecting` are not entities ("" when it takes columns)."""
        return ""

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        raise NotImplementedError


def method_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else ""


def entity_name(expr: ast.expr) -> str | None:
    """`User` / `models.User` / `aliased(User)` → the entity's text; None for columns."""
    if isinstance(expr, ast.Name):
        return expr.id if _CAMEL.match(expr.id) else None
    if isinstance(expr, ast.Attribute):
        return ast.unparse(expr) if _CAMEL.match(expr.attr) else None
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name | ast.Attribute):
        fname = expr.func.id if isinstance(expr.func, ast.Name) else expr.func.attr
        if fname in ("aliased", "with_polymorphic") and expr.args:
            return ast.unparse(expr)
    return None


def column_owner(expr: ast.expr) -> str | None:
    """`User.name` → `User`; `models.User.name` → `models.User`; None when not a class attribute."""
    if isinstance(expr, ast.Attribute) and entity_name(expr.value) is not None:
        return ast.unparse(expr.value)
    return None


def calls_named(nodes: list[ast.expr], names: frozenset[str]) -> ast.Call | None:
    """The first call (anywhere inside `nodes`) to a function or method called one of `names`."""
    for root in nodes:
        for sub in ast.walk(root):
            if isinstance(sub, ast.Call):
                f = sub.func
                fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if fname in names:
                    return sub
    return None


def _cls_owner(value: ast.Name, ctx: FileContext) -> str | None:
    """The class a classmethod's `cls` (its first parameter) stands for, None elsewhere."""
    scope = ctx.scope
    func = scope.node
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or scope.parent is None:
        return None
    owner = scope.parent.node
    params = [*func.args.posonlyargs, *func.args.args]
    if not isinstance(owner, ast.ClassDef) or not params or params[0].arg != value.id:
        return None
    named = {d.id for d in func.decorator_list if isinstance(d, ast.Name)}
    if "staticmethod" in named:
        return None
    return owner.name if "classmethod" in named or value.id == "cls" else None
