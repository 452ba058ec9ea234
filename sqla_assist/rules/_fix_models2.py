"""Fixers for the typed-model rules SQ303, SQ304, SQ312, SQ314 and SQ315.

Like `_fix_models`, every rewrite keeps the DDL and the mapping: a keyword 2.0 treats as a
no-op is deleted, a classical mapping moves to a registry that resolves the same names, an
annotation is wrapped in `Mapped[...]` only where 2.0 then maps exactly what 1.4 mapped, and
otherwise the class opts out of annotation-driven mapping with `__allow_unmapped__`. The
checks are the detectors' own (`_typed_shapes`), repeated on the text being fixed.
"""

from __future__ import annotations

import ast
from typing import Any

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_models import (
    _ctx,
    _drop_import_if_unused,
    _finding_call,
    _finding_stmt,
    _orm,
    relationship_text,
)
from sqla_assist.rules._models import mapped_wrapper, parse_annotation

# -- shared -------------------------------------------------------------------------------------


def _without_keyword(node: cst.Call, name: str) -> cst.Call:
    """`node` minus its `name=` argument; the new last argument keeps the old last one's comma."""
    args = [a for a in node.args if not (a.keyword is not None and a.keyword.value == name)]
    if len(args) == len(node.args):
        raise CannotFix(f"`{name}=` is not a plain keyword argument here")
    if args and node.args[-1].keyword is not None and node.args[-1].keyword.value == name:
        args[-1] = args[-1].with_changes(comma=node.args[-1].comma)
        if not args[-1].comma or isinstance(args[-1].comma, cst.MaybeSentinel):
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(args=args)


# -- SQ315 cascade_backrefs=False --------------------------------------------------------------


def fix_cascade_backrefs(node: Any, fx: FixContext) -> Any:
    """`relationship(..., cascade_backrefs=False)` → the same call without it (2.0's only behaviour)."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a relationship call")
    arg = next((a for a in node.args if a.keyword is not None and a.keyword.value == "cascade_backrefs"), None)
    if arg is None or not (isinstance(arg.value, cst.Name) and arg.value.value == "False"):
        raise CannotFix(
            "only `cascade_backrefs=False` is a no-op: with True, delete it and add `session.add(obj)` wherever a "
            "new object reached the session through the backref"
        )
    return _without_keyword(node, "cascade_backrefs")


# -- SQ303 declarative_base(bind=engine) -------------------------------------------------------


def fix_declarative_bind(node: Any, fx: FixContext) -> Any:
    """`declarative_base(bind=engine)` → `declarative_base()`, handing `engine` to the file's
    bind-less `sessionmaker()`/`Session()` and bare `Base.metadata.create_all()` calls."""
    from sqla_assist.rules._typed_shapes import declarative_bind_plan

    if not isinstance(node, cst.Call):
        raise CannotFix("not a call")
    call = _finding_call(fx)
    refusal, carry = declarative_bind_plan(call, _ctx(fx))
    if refusal is not None:
        raise CannotFix(refusal)
    engine = next(k.value for k in call.keywords if k.arg == "bind")
    assert isinstance(engine, ast.Name)
    if carry:
        fx.edit_module(_CarryEngine({ast.unparse(c.func) for c in carry}, engine.id).run)
    return _without_keyword(node, "bind")


class _CarryEngine(cst.CSTTransformer):
    """Give the engine to every bind-less call spelled as one of `funcs` (the plan's calls)."""

    def __init__(self, funcs: set[str], engine: str) -> None:
        super().__init__()
        self.funcs = funcs
        self.engine = engine

    def run(self, module: cst.Module) -> cst.Module:
        return module.visit(self)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        code = cst.Module(body=[]).code_for_node(updated_node.func)
        if code not in self.funcs:
            return updated_node
        args = list(updated_node.args)
        if any(a.keyword is None or a.keyword.value in ("bind", "binds") for a in args):
            return updated_node
        schema_op = code.rpartition(".")[2] in ("create_all", "drop_all", "reflect")
        if schema_op:
            new = cst.Arg(value=cst.Name(self.engine))
            if args:
                new = new.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return updated_node.with_changes(args=[new, *args])
        new = cst.Arg(
            keyword=cst.Name("bind"),
            value=cst.Name(self.engine),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        if args and isinstance(args[-1].comma, cst.Comma):
            # A trailing comma (often a multi-line call): the new argument goes after it.
            return updated_node.with_changes(args=[*args, new.with_changes(comma=args[-1].comma)])
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated_node.with_changes(args=[*args, new])


# -- SQ304 mapper() → registry.map_imperatively() ----------------------------------------------

_REGISTRY = "mapper_registry"


def _module_registry(fx: FixContext) -> str | None:
    """A module-level `name = registry(...)` this file already has."""
    from sqla_assist.rules._models import orm_name

    ctx = _ctx(fx)
    for stmt in fx.tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)
            and orm_name(stmt.value.func, ctx, "registry")
        ):
            return stmt.targets[0].id
    return None


def fix_classical_mapper(node: Any, fx: FixContext) -> Any:
    """`mapper(User, users, ...)` → `mapper_registry.map_imperatively(User, users, ...)`.

    One registry per file, created before the first mapping (or the file's existing module-level
    `registry()`); the detector allows this only when no string the mapping evaluates names a
    class mapped elsewhere.
    """
    from sqla_assist.rules._typed_shapes import classical_refusal

    if not isinstance(node, cst.Call):
        raise CannotFix("not a `mapper(...)` call")
    ctx = _ctx(fx)
    call = _finding_call(fx)
    refusal = classical_refusal(call, ctx)
    if refusal is not None:
        raise CannotFix(refusal)
    existing = _module_registry(fx)
    name = existing or _REGISTRY
    if existing is None:
        if name in getattr(fx, "_bound", set()):
            raise CannotFix(f"`{name}` already means something else in this file: create a `registry()` by hand")
        registry = fx.code(fx.name("sqlalchemy.orm", "registry"))
        fx.edit_module(_InsertRegistry(name, registry).run)
    if isinstance(call.func, ast.Name):
        _drop_import_if_unused(fx, call.func.id)
    func = cst.Attribute(value=cst.Name(name), attr=cst.Name("map_imperatively"))
    return node.with_changes(func=func)


class _InsertRegistry:
    """Insert `name = registry()` before the first module statement that uses it (once).

    Runs after every node rewrite of the file, so the accepted mappings already read
    `name.map_imperatively(...)`; the first of them decides the place.
    """

    def __init__(self, name: str, registry: str) -> None:
        self.name = name
        self.registry = registry

    def run(self, module: cst.Module) -> cst.Module:
        body = list(module.body)
        use = f"{self.name}.map_imperatively("
        index = None
        for i, stmt in enumerate(body):
            code = module.code_for_node(stmt)
            if code.lstrip().startswith(f"{self.name} = "):
                return module  # already there
            if index is None and use in code:
                index = i
        if index is None:
            return module
        anchor = body[index]
        # The new line takes the anchor's blank lines; the anchor follows it directly, unless it
        # is a def/class, which keeps its blank lines before it.
        new = cst.parse_statement(f"{self.name} = {self.registry}()\n").with_changes(leading_lines=anchor.leading_lines)
        keep = anchor.leading_lines if isinstance(anchor, cst.FunctionDef | cst.ClassDef) else []
        body[index] = anchor.with_changes(leading_lines=keep)
        body.insert(index, new)
        return module.with_changes(body=body)


# -- SQ312 non-Mapped annotations -------------------------------------------------------------

_WRAP_ALWAYS = frozenset({"Column", "column_property", "deferred"})
_RELATIONSHIPS = frozenset({"relationship", "relation"})


def _head(expr: ast.expr) -> str:
    expr = parse_annotation(expr)
    if isinstance(expr, ast.Subscript):
        expr = expr.value
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return ""


def _collection_kind(head: str) -> str:
    return {"List": "list", "list": "list", "Set": "set", "set": "set"}.get(head, "scalar" if head != "Dict" else "dict")


def _wrap_refusal(fn: str, stmt: ast.AnnAssign, owner: ast.ClassDef, fx: FixContext) -> str | None:
    """Why wrapping this annotation in `Mapped[...]` could change the mapping (None: it cannot)."""
    head = _head(stmt.annotation)
    if head in ("ClassVar", "Final", "InitVar"):
        return f"`{head}[...]` is not a mapped attribute's annotation"
    if fn in _WRAP_ALWAYS:
        return None  # `Column`/`column_property` take neither type nor NULL-ness from the annotation
    if fn not in _RELATIONSHIPS:
        return f"`{fn}()` may read its annotation"
    from sqla_assist.rules.model_relationships import relationship_annotation

    assert isinstance(stmt.target, ast.Name) and isinstance(stmt.value, ast.Call)
    # The detector's plain text (`Mapped[List["X"]]`): spelling it with this file's names would
    # queue imports even when the answer is to leave the annotation alone.
    text, certain = relationship_annotation(stmt.value, owner, _ctx(fx), stmt.target.id)
    if not certain:
        return f"the relationship's direction is not known from this file ({text})"
    if not text.startswith("Mapped["):
        return "a dynamic / write-only relationship needs its own annotation (SQ314)"
    wanted = text[len("Mapped[") :]
    kind = _collection_kind(wanted.split("[", 1)[0] if "[" in wanted else "")
    if kind != _collection_kind(head):
        return f"the relationship maps as `{text}`, which its annotation contradicts (2.0 would follow the annotation)"
    return None


def fix_non_mapped_annotation(node: Any, fx: FixContext) -> Any:
    """`id: int = Column(...)` → `id: Mapped[int] = Column(...)` where that maps the same;
    otherwise `__allow_unmapped__ = True` on the class, 2.0's documented zero-change step."""
    if not isinstance(node, cst.AnnAssign):
        raise CannotFix("not an annotated attribute")
    owner, stmt = _finding_stmt(fx)
    if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.value, ast.Call):
        raise CannotFix("not an annotated mapped attribute")
    func = stmt.value.func
    fn = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if mapped_wrapper(stmt.annotation) is not None:
        return node
    if _wrap_refusal(fn, stmt, owner, fx) is None:
        inner = node.annotation.annotation
        mapped = _orm(fx, "Mapped")
        wrapped: cst.BaseExpression
        if isinstance(inner, cst.SimpleString):
            # Wrap inside the quotes: `Mapped["List[X]"]` would read `List[X]` as one class name
            # (a scalar relationship on 2.x), `"Mapped[List[X]]"` keeps the collection.
            wrapped = cst.SimpleString(f"{inner.prefix}{inner.quote}{mapped}[{inner.raw_value}]{inner.quote}")
        else:
            wrapped = cst.Subscript(
                value=cst.parse_expression(mapped),
                slice=[cst.SubscriptElement(slice=cst.Index(value=inner))],
            )
        return node.with_changes(annotation=node.annotation.with_changes(annotation=wrapped))
    fx.edit_module(_AllowUnmapped(owner.name, owner.lineno).run)
    return node


class _AllowUnmapped(cst.CSTTransformer):
    """Put `__allow_unmapped__ = True` first in the body of the class `name` (once)."""

    def __init__(self, name: str, line: int) -> None:
        super().__init__()
        self.name = name
        self.line = line

    def run(self, module: cst.Module) -> cst.Module:
        return module.visit(self)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if updated_node.name.value != self.name or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        stmts = list(updated_node.body.body)
        for stmt in stmts:
            if isinstance(stmt, cst.SimpleStatementLine) and any(
                isinstance(s, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == "__allow_unmapped__" for t in s.targets)
                for s in stmt.body
            ):
                return updated_node
        at = 0
        first = stmts[0] if stmts else None
        if (
            isinstance(first, cst.SimpleStatementLine)
            and len(first.body) == 1
            and isinstance(first.body[0], cst.Expr)
            and isinstance(first.body[0].value, cst.SimpleString | cst.ConcatenatedString)
        ):
            at = 1  # after the docstring
        new = cst.parse_statement("__allow_unmapped__ = True\n")
        after = stmts[at] if at < len(stmts) else None
        if isinstance(after, cst.SimpleStatementLine):
            # Take the blank lines of the statement it goes before (the gap after a docstring).
            new = new.with_changes(leading_lines=after.leading_lines)
            stmts[at] = after.with_changes(leading_lines=[])
        stmts.insert(at, new)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=stmts))


# -- SQ314 lazy="dynamic" → DynamicMapped[...] -------------------------------------------------


def fix_dynamic_annotation(node: Any, fx: FixContext) -> Any:
    """`posts = relationship("Post", lazy="dynamic")` → `posts: DynamicMapped["Post"] = ...`.

    The interim, behaviour-neutral step of RULES.md SQ314: the loader stays dynamic (an
    AppenderQuery), only its type becomes visible. Call sites change when moving to write-only.
    """
    from sqla_assist.rules._typed_shapes import class_attribute_of

    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        raise CannotFix("the relationship is not a statement of its own")
    stmt = node.body[0]
    if not isinstance(stmt, cst.Assign | cst.AnnAssign):
        raise CannotFix("not an attribute assignment")
    found = class_attribute_of(_finding_call(fx), _ctx(fx))
    if found is None:
        raise CannotFix("the dynamic relationship is not a class attribute")
    owner, attr = found
    if attr.annotation is not None and mapped_wrapper(attr.annotation) == "DynamicMapped":
        return node  # SQ311 annotated it in the same run
    if attr.annotation is not None and mapped_wrapper(attr.annotation) != "Mapped":
        raise CannotFix("the annotation is not `Mapped[...]`: fix SQ312 first")
    assert isinstance(attr.value, ast.Call)
    text = relationship_text(attr.value, owner, attr.name, fx)
    if not text.startswith(_orm(fx, "DynamicMapped")):
        raise CannotFix(f"expected a dynamic relationship, got `{text}`")
    annotation = cst.Annotation(cst.parse_expression(text))
    if isinstance(stmt, cst.AnnAssign):
        new: cst.AnnAssign = stmt.with_changes(annotation=annotation)
    else:
        if len(stmt.targets) != 1:
            raise CannotFix("more than one assignment target")
        new = cst.AnnAssign(target=stmt.targets[0].target, annotation=annotation, value=stmt.value, equal=cst.AssignEqual())
    return node.with_changes(body=[new])


# -- SQ310 redundant mapped_column() arguments --------------------------------------------------


def fix_redundant_args(node: Any, fx: FixContext) -> Any:
    """`id: Mapped[int] = mapped_column(Integer, primary_key=True)` → `mapped_column(primary_key=True)`.

    Drops the bare SQL type equal to the annotation's default mapping and a `nullable=` equal to
    what the annotation implies, the two things the detector names; the DDL stays the same.
    """
    from sqla_assist.rules.model_columns import redundant_args

    if not isinstance(node, cst.AnnAssign) or not isinstance(node.value, cst.Call):
        raise CannotFix("not an annotated `mapped_column(...)`")
    _, stmt = _finding_stmt(fx)
    if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.value, ast.Call):
        raise CannotFix("not an annotated `mapped_column(...)`")
    sql_type, nullable = redundant_args(stmt.value, stmt.annotation)
    call = node.value
    if nullable is not None:
        call = _without_keyword(call, "nullable")
    if sql_type is not None:
        index = next(i for i, a in enumerate(stmt.value.args) if a is sql_type)
        positional = [a for a in call.args if a.keyword is None]
        target = positional[index]
        args = [a for a in call.args if a is not target]
        if args and call.args[-1] is target:
            args[-1] = args[-1].with_changes(comma=target.comma)
        call = call.with_changes(args=args)
        name = sql_type.func if isinstance(sql_type, ast.Call) else sql_type
        if isinstance(name, ast.Name):
            _drop_import_if_unused(fx, name.id)
    if not call.args:
        call = call.with_changes(whitespace_before_args=cst.SimpleWhitespace(""))
    return node.with_changes(value=call)


# -- SQ318 stub packages / mypy plugin in Python literals ---------------------------------------


def fix_drop_stub_strings(node: Any, fx: FixContext) -> Any:
    """Delete stub-package requirements and the mypy plugin path from the statement's list literals.

    Every such element of the statement goes at once (the other findings on it then find nothing
    left to do); the literal keeps its layout and trailing-comma style.
    """
    if not isinstance(node, cst.SimpleStatementLine):
        raise CannotFix("the string is not inside a simple statement")
    return node.visit(_DropStubElements())


class _DropStubElements(cst.CSTTransformer):
    def _keep(self, elements: Any) -> list[Any]:
        from sqla_assist.rules.mypy_plugin import is_stub_or_plugin

        old = list(elements)
        kept = [
            e
            for e in old
            if not (isinstance(e.value, cst.SimpleString) and is_stub_or_plugin(str(e.value.evaluated_value)))
        ]
        if kept and len(kept) < len(old) and kept[-1] is not old[-1]:
            kept[-1] = kept[-1].with_changes(comma=old[-1].comma)
        return kept

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        return updated_node.with_changes(elements=self._keep(updated_node.elements))

    def leave_Set(self, original_node: cst.Set, updated_node: cst.Set) -> cst.BaseExpression:
        kept = self._keep(updated_node.elements)
        if not kept:
            return cst.parse_expression("set()")
        return updated_node.with_changes(elements=kept)

    def leave_Tuple(self, original_node: cst.Tuple, updated_node: cst.Tuple) -> cst.Tuple:
        kept = self._keep(updated_node.elements)
        if len(kept) == 1 and len(updated_node.elements) > 1 and isinstance(kept[0].comma, cst.MaybeSentinel):
            kept[0] = kept[0].with_changes(comma=cst.Comma())  # a one-element tuple keeps its comma
        if not kept and not updated_node.lpar:
            return updated_node.with_changes(elements=kept, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return updated_node.with_changes(elements=kept)
