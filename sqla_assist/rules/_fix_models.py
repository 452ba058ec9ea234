"""Fixers for the typed-model rules (SQ302–SQ317): declarative classes in 2.0 form.

Every rewrite here must keep the DDL (RULES.md §4): an annotation's optionality is derived
from the 1.x column's nullability, never from its Python type; SQL types and lengths stay
as written; a relationship's `Mapped[...]` shape follows its direction. The facts come from
the stdlib `ast` of the original file through the detectors' own helpers (`_models`,
`model_columns`, `model_relationships`), so detection and fixing agree on every shape.
Anything that cannot be decided exactly raises `CannotFix` with the options spelled out.
"""

from __future__ import annotations

import ast
from typing import Any

import libcst as cst
from libcst.codemod.visitors import ImportItem

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._backref_fix import mapped_optional as _annotation_optional
from sqla_assist.rules._column_fixability import annotated_column_refusal
from sqla_assist.rules._models import (
    DEFAULT_SQL_TYPE,
    call_named,
    class_attrs,
    column_shape,
    const_kw,
    kw,
    mapped_wrapper,
    parse_annotation,
)

_COLUMNS = frozenset({"Column", "mapped_column"})
_RELATIONSHIPS = frozenset({"relationship", "relation", "dynamic_loader"})


# -- shared lookups --------------------------------------------------------------------------


def _ctx(fx: FixContext) -> FileContext:
    """The detectors' view of the original file (cached on the fix context)."""
    ctx: FileContext | None = getattr(fx, "_sq3_ctx", None)
    if ctx is None:
        ctx = FileContext(fx.text, fx.tree, fx.imports)
        fx._sq3_ctx = ctx  # type: ignore[attr-defined]
    return ctx


def _module_classes(body: list[ast.stmt]) -> list[ast.ClassDef]:
    out: list[ast.ClassDef] = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            out.append(stmt)
        elif isinstance(stmt, ast.If | ast.Try):
            for part in (stmt.body, stmt.orelse, getattr(stmt, "finalbody", [])):
                out += _module_classes(part)
    return out


def _finding_stmt(fx: FixContext) -> tuple[ast.ClassDef, ast.Assign | ast.AnnAssign]:
    """The class-body statement the current finding is on, and its class."""
    f = fx.finding
    assert f is not None
    for cls in ast.walk(fx.tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.lineno == f.line and stmt.col_offset + 1 == f.column:
                return cls, stmt
    raise CannotFix("the attribute could not be located in its class")


def _enclosing_class(fx: FixContext, node: ast.AST) -> ast.ClassDef | None:
    for cls in ast.walk(fx.tree):
        if isinstance(cls, ast.ClassDef) and any(stmt is node or node in ast.walk(stmt) for stmt in cls.body):
            return cls
    return None


def _finding_call(fx: FixContext) -> ast.Call:
    f = fx.finding
    assert f is not None
    for node in ast.walk(fx.tree):
        if isinstance(node, ast.Call) and node.lineno == f.line and node.col_offset + 1 == f.column:
            return node
    raise CannotFix("the call could not be located")


def _uses_pipe_unions(tree: ast.Module) -> bool:
    """Does the file already write `X | None` in annotations? Then follow that style."""
    for node in ast.walk(tree):
        ann = node.annotation if isinstance(node, ast.AnnAssign | ast.arg) else node.returns if isinstance(node, ast.FunctionDef) else None
        if ann is None:
            continue
        for sub in ast.walk(parse_annotation(ann)):
            if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.BitOr):
                if any(isinstance(s, ast.Constant) and s.value is None for s in (sub.left, sub.right)):
                    return True
    return False


def _code(fx: FixContext, expr: cst.BaseExpression) -> str:
    return fx.code(expr)


def _typing(fx: FixContext, name: str) -> str:
    return _code(fx, fx.name("typing", name))


def _orm(fx: FixContext, name: str) -> str:
    return _code(fx, fx.name("sqlalchemy.orm", name))


_STDLIB_TYPES = {
    "datetime.date": ("datetime", "date"),
    "datetime.datetime": ("datetime", "datetime"),
    "datetime.time": ("datetime", "time"),
    "datetime.timedelta": ("datetime", "timedelta"),
    "uuid.UUID": ("uuid", "UUID"),
    "Decimal": ("decimal", "Decimal"),
}


def _py_ref(fx: FixContext, py: str) -> str:
    """How this file spells the Python type `py` (adding an import if needed)."""
    if py.startswith("list[") and py.endswith("]"):
        return f"list[{_py_ref(fx, py[5:-1])}]"
    if py == "dict[str, Any]":
        return f"dict[str, {_typing(fx, 'Any')}]"
    if py == "Any":
        return _typing(fx, "Any")
    if py not in _STDLIB_TYPES:
        return py  # builtins, and Enum classes named as the file names them
    module, obj = _STDLIB_TYPES[py]
    names = fx.imports.names
    for local, qual in sorted(names.items()):
        if qual == f"{module}.{obj}" and "." not in local:
            return local
    bound: set[str] = getattr(fx, "_bound", set())
    if names.get(module) == module:
        return f"{module}.{obj}"
    if module == "decimal":
        if obj in bound:
            raise CannotFix(f"`{obj}` means something else in this file; import `decimal.Decimal` under another name")
        fx.add_import(module, obj)
        return obj
    if module in bound:
        raise CannotFix(f"`{module}` means something else in this file; `{py}` cannot be named")
    fx.pending.append(ImportItem(module))
    return f"{module}.{obj}"


def _optional(fx: FixContext, inner: str, pipe: bool) -> str:
    return f"{inner} | None" if pipe else f"{_typing(fx, 'Optional')}[{inner}]"


def _annassign(node: cst.Assign | cst.AnnAssign, annotation: str) -> cst.AnnAssign:
    if isinstance(node, cst.AnnAssign):
        return node.with_changes(annotation=cst.Annotation(cst.parse_expression(annotation)))
    if len(node.targets) != 1:
        raise CannotFix("more than one assignment target")
    return cst.AnnAssign(
        target=node.targets[0].target,
        annotation=cst.Annotation(cst.parse_expression(annotation)),
        value=node.value,
        equal=cst.AssignEqual(),
    )


def _drop_import_if_unused(fx: FixContext, name: str) -> None:
    """Once the fix is accepted, remove `from ... import name` if nothing uses `name` any more."""
    qual = fx.imports.names.get(name)
    if qual is None or not qual.endswith(f".{name}"):
        return
    module = qual.rpartition(".")[0]
    # SQ301 may have moved an `ext.declarative` import to `sqlalchemy.orm` in the same run.
    modules = {module, "sqlalchemy.orm"} if module.startswith("sqlalchemy.ext.declarative") else {module}

    # One removal pass for the whole file, after every fix (a pass per fixed column was a
    # whole-module scope analysis each: 14 s apiece on freqtrade's trade_model.py).
    for m in sorted(modules):
        fx.drop_if_unused(m, name)


# -- SQ308 Column → mapped_column -------------------------------------------------------------


def fix_column(node: Any, fx: FixContext) -> Any:
    """`x = Column(...)` → `x = mapped_column(...)`, arguments unchanged (DDL-neutral)."""
    if not isinstance(node, cst.Assign | cst.AnnAssign) or not isinstance(node.value, cst.Call):
        raise CannotFix("not a `Column(...)` assignment")
    _, stmt = _finding_stmt(fx)
    call = stmt.value
    assert isinstance(call, ast.Call)
    new_call = node.value.with_changes(func=fx.name("sqlalchemy.orm", "mapped_column"))
    if isinstance(call.func, ast.Name):
        _drop_import_if_unused(fx, call.func.id)
    if isinstance(stmt, ast.AnnAssign):
        refusal = annotated_column_refusal(stmt, call)
        if refusal is not None:
            raise CannotFix(refusal)
        found = _annotation_optional(stmt.annotation)
        shape = column_shape(call)
        assert found is not None and shape.nullable is not None
        explicit = kw(call, "nullable") is not None or const_kw(call, "primary_key") is True
        if not explicit and found[1] != shape.nullable:
            # The annotation would flip NULL-ness once it drives it: say the old value out loud.
            value = cst.Name("True" if shape.nullable else "False")
            new_call = new_call.with_changes(args=[*_with_comma(new_call.args), cst.Arg(value=value, keyword=cst.Name("nullable"), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))])
    return node.with_changes(value=new_call)


def _with_comma(args: Any) -> list[cst.Arg]:
    out = list(args)
    if out and out[-1].comma is cst.MaybeSentinel.DEFAULT:
        out[-1] = out[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return out


# -- SQ309 Mapped[...] on columns ------------------------------------------------------------


def _referenced_column(target: str, ctx: FileContext) -> ast.Call | None:
    table, _, column = target.rpartition(".")
    from sqla_assist.rules._models import table_name

    for cls in _module_classes(ctx.tree.body):
        if table_name(cls) != table:
            continue
        for a in class_attrs(cls):
            if not isinstance(a.value, ast.Call) or call_named(a.value, ctx, _COLUMNS) is None:
                continue
            first = a.value.args[0] if a.value.args else None
            named = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else a.name
            if named == column:
                return a.value
    return None


def _bare_type_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Call):
        if expr.args or expr.keywords:
            return None
        expr = expr.func
    return expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else None


def column_annotation(call: ast.Call, ctx: FileContext, fx: FixContext, pipe: bool) -> str:
    """The exact `Mapped[...]` text for a column call, or CannotFix."""
    shape = column_shape(call)
    if shape.nullable is None:
        raise CannotFix(f"{shape.reason}: write `Mapped[T]` or `Mapped[Optional[T]]` by hand")
    py = shape.python_type
    if shape.sql_type is None:
        if not shape.foreign_key:
            raise CannotFix("the column has no SQL type to derive a Python type from")
        ref = _referenced_column(shape.foreign_key, ctx)
        ref_shape = column_shape(ref) if ref is not None else None
        if ref_shape is None or ref_shape.sql_type is None or ref_shape.python_type is None:
            raise CannotFix(
                f"the type of `{shape.foreign_key}` is not known in this file: annotate with its Python type "
                "(Optional unless `nullable=False`)"
            )
        # Without its own SQL type, an annotated mapped_column takes the annotation's default
        # type rather than the referenced column's: exact only when those are the same.
        py = ref_shape.python_type
        if _bare_type_name(ref_shape.sql_type) != DEFAULT_SQL_TYPE.get(py.rpartition(".")[2]):
            raise CannotFix(
                f"`{shape.foreign_key}` is `{ast.unparse(ref_shape.sql_type)}`: give this column that type "
                "explicitly before annotating it"
            )
    if py is None:
        what = ast.unparse(shape.sql_type) if shape.sql_type is not None else "?"
        raise CannotFix(f"no known Python type for `{what}`: annotate it by hand (NULL: {shape.nullable})")
    inner = _py_ref(fx, py)
    text = _optional(fx, inner, pipe) if shape.nullable else inner
    return f"{_orm(fx, 'Mapped')}[{text}]"


def fix_annotate_column(node: Any, fx: FixContext) -> Any:
    """`x = mapped_column(...)` → `x: Mapped[T | Optional[T]] = mapped_column(...)` keeping the DDL."""
    if not isinstance(node, cst.Assign):
        raise CannotFix("already annotated")
    _, stmt = _finding_stmt(fx)
    call = stmt.value
    if not isinstance(call, ast.Call):
        raise CannotFix("not a column call")
    text = column_annotation(call, _ctx(fx), fx, _uses_pipe_unions(fx.tree))
    return _annassign(node, text)


# -- SQ311 typed relationships ---------------------------------------------------------------


def _resolve_annotation(fx: FixContext, text: str) -> str:
    """Spell the detector's `Mapped[List["X"]]`-style text with this file's names."""
    expr = ast.parse(text, mode="eval").body
    names = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
    out = text
    for name in sorted(names, key=len, reverse=True):
        if name in ("Mapped", "DynamicMapped", "WriteOnlyMapped"):
            spelled = _orm(fx, name)
        elif name in ("List", "Set", "Dict", "Optional"):
            spelled = _typing(fx, name)
        else:
            continue
        if spelled != name:
            out = _replace_name(out, name, spelled)
    return out


def _replace_name(text: str, name: str, spelled: str) -> str:
    import re

    return re.sub(rf'(?<![\w."]){re.escape(name)}(?=\[)', spelled, text)


def relationship_text(call: ast.Call, owner: ast.ClassDef, attr: str, fx: FixContext) -> str:
    from sqla_assist.rules.model_relationships import relationship_annotation

    text, certain = relationship_annotation(call, owner, _ctx(fx), attr)
    if not certain:
        raise CannotFix(f"the direction is not known from this file: annotate `{attr}: {text}` by hand")
    return _resolve_annotation(fx, text)


def fix_annotate_relationship(node: Any, fx: FixContext) -> Any:
    """`x = relationship("X")` → `x: Mapped[List["X"]]` / `Mapped["X"]` / `Mapped[Optional["X"]]`."""
    if not isinstance(node, cst.Assign):
        raise CannotFix("already annotated")
    owner, stmt = _finding_stmt(fx)
    call = stmt.value
    if not isinstance(call, ast.Call) or not isinstance(stmt, ast.Assign):
        raise CannotFix("not a relationship call")
    target = stmt.targets[0]
    assert isinstance(target, ast.Name)
    return _annassign(node, relationship_text(call, owner, target.id, fx))


# -- SQ313 backref → back_populates ----------------------------------------------------------


def fix_backref(node: Any, fx: FixContext) -> Any:
    """Replace `backref=` by `back_populates=` and declare the reverse side in the target class.

    Every refusal comes from `_backref_fix` (or, for another module, `core.gather.locate_model`),
    which the detector asks too: a finding reported SAFE is one this fixer takes.
    """
    from sqla_assist.rules import _backref_fix as bf
    from sqla_assist.rules.model_relationships import _target

    if not isinstance(node, cst.Call):
        raise CannotFix("not a relationship call")
    call = _finding_call(fx)
    ctx = _ctx(fx)
    parts = bf.backref_parts(call)
    if isinstance(parts, str):
        raise CannotFix(parts)
    name, extra = parts
    target = _target(call)
    owner = _enclosing_class(fx, call)
    stmt = next(
        (s for s in (owner.body if owner else []) if isinstance(s, ast.Assign | ast.AnnAssign) and s.value is call),
        None,
    )
    if owner is None or stmt is None or target is None:
        raise CannotFix("the relationship is not a class attribute with a known target class")
    attr = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
    if not isinstance(attr, ast.Name):
        raise CannotFix("the relationship is not assigned to a plain name")
    why = bf.owner_refusal(fx.tree, owner)
    target_cls, why = (None, why) if why else bf.placeable_class(fx.tree, target)
    if why:
        raise CannotFix(why)
    tfx = fx  # the file the reverse side goes into
    if target_cls is None:
        from sqla_assist.rules._fix_xfile import other_class

        by_hand = (
            f"declare `{target}.{name}` by hand: add `{name} = relationship(\"{owner.name}\", "
            f"back_populates=\"{attr.id}\")` to class `{target}`, then replace `backref=` by "
            f"`back_populates=\"{name}\"` here"
        )
        tfx, target_cls = other_class(fx, call, owner.name, target, by_hand)
    why = bf.target_refusal(tfx.tree, call, target_cls, name, tfx is fx) or bf.forward_refusal(
        call, target, extra, tfx is not fx
    )
    if why:
        raise CannotFix(why)
    secondary = kw(call, "secondary")
    typed = tfx is fx or _uses_mapped(target_cls)
    shape = ""  # an untyped target class gets an untyped reverse side: no direction needed
    if typed:
        found, why = bf.reverse_shape(call, extra, owner, ctx, target_cls, _ctx(tfx), attr.id, name)
        if found is None:
            raise CannotFix(why)
        shape = found
    annotation = f": {_resolve_annotation(tfx, f'Mapped[{shape}]')}" if typed else ""
    rel = _orm(tfx, "relationship")
    args = [f'"{owner.name}"', f'back_populates="{attr.id}"']
    if secondary is not None:
        args.append(f"secondary={ast.unparse(secondary.value)}")
    args += [f"{k.arg}={ctx.segment(k.value) or ast.unparse(k.value)}" for k in extra]
    line = f"{name}{annotation} = {rel}({', '.join(args)})\n"
    tfx.edit_module(_AddToClass(target, line).run)
    if isinstance(kw(call, "backref"), ast.keyword) and extra:
        _drop_import_if_unused(fx, "backref")
    # The forward side: backref=... becomes back_populates="name" in place.
    new_args = []
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value == "backref":
            arg = arg.with_changes(keyword=cst.Name("back_populates"), value=cst.SimpleString(f'"{name}"'))
        new_args.append(arg)
    return node.with_changes(args=new_args)


def _uses_mapped(cls: ast.ClassDef) -> bool:
    """Does the class annotate any attribute with `Mapped[...]` (or a relative)? Then so does its reverse side."""
    return any(isinstance(s, ast.AnnAssign) and mapped_wrapper(s.annotation) is not None for s in cls.body)


class _AddToClass(cst.CSTTransformer):
    """Append a statement to a module-level class, after its last attribute assignment.

    Module level includes `if`/`try` blocks; classes inside functions are never touched (the
    fixer refuses a target defined only there, see `_backref_fix.placeable_class`).
    """

    def __init__(self, cls: str, line: str) -> None:
        super().__init__()
        self.cls = cls
        self.line = line
        self.depth = 0

    def run(self, module: cst.Module) -> cst.Module:
        return module.visit(self)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.depth += 1
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.depth -= 1
        if updated_node.name.value != self.cls or self.depth:
            return updated_node
        body = updated_node.body
        if not isinstance(body, cst.IndentedBlock):
            return updated_node
        stmts = list(body.body)
        last = max(
            (
                i
                for i, s in enumerate(stmts)
                if isinstance(s, cst.SimpleStatementLine) and any(isinstance(b, cst.Assign | cst.AnnAssign) for b in s.body)
            ),
            default=len(stmts) - 1,
        )
        new = cst.parse_statement(self.line).with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        stmts.insert(last + 1, new)
        return updated_node.with_changes(body=body.with_changes(body=stmts))


# -- SQ302 declarative_base() → class Base(DeclarativeBase) ------------------------------------


def fix_declarative_base(node: Any, fx: FixContext) -> Any:
    """`Base = declarative_base(metadata=..., type_annotation_map=...)` → a `DeclarativeBase` class."""
    if not isinstance(node, cst.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
        raise CannotFix("not `Base = declarative_base(...)`")
    call = node.value
    if not isinstance(call, cst.Call):
        raise CannotFix("not a call")
    if not _is_declarative_base(call, fx):
        raise CannotFix("only `declarative_base(...)` is rewritten; `generate_base()` bases are manual")
    body: list[cst.BaseStatement] = []
    for arg in call.args:
        if arg.keyword is None or arg.star:
            raise CannotFix("positional arguments to `declarative_base()`: write the class by hand")
        key = arg.keyword.value
        if key not in ("metadata", "type_annotation_map"):
            raise CannotFix(f"`{key}=` has no class-attribute equivalent: write the class by hand")
        body.append(cst.parse_statement(f"{key} = {fx.code(arg.value).strip()}\n"))
    if not body:
        body = [cst.SimpleStatementLine([cst.Pass()])]
    base = fx.name("sqlalchemy.orm", "DeclarativeBase")
    if isinstance(call.func, cst.Name):
        _drop_import_if_unused(fx, call.func.value)
    return cst.ClassDef(
        name=node.targets[0].target,
        body=cst.IndentedBlock(body=body),
        bases=[cst.Arg(value=base)],
    )


def _is_declarative_base(call: cst.Call, fx: FixContext) -> bool:
    qual = fx.qualify(call.func)
    return qual is not None and qual.startswith("sqlalchemy") and qual.endswith(".declarative_base")


# -- name moves: SQ307 relation, SQ306 mapper target, SQ317 @declarative_mixin ----------------


def fix_relation(node: Any, fx: FixContext) -> Any:
    """`relation(...)` → `relationship(...)`; `from sqlalchemy.orm import relation` → `relationship`."""
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute):
            return node.with_changes(func=func.with_changes(attr=cst.Name("relationship")))
        return node.with_changes(func=fx.name("sqlalchemy.orm", "relationship"))
    if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
        names = []
        have = {a.name.value for a in node.names if isinstance(a.name, cst.Name)}
        for alias in node.names:
            if isinstance(alias.name, cst.Name) and alias.name.value == "relation":
                if alias.asname is not None:
                    alias = alias.with_changes(name=cst.Name("relationship"))
                elif "relationship" in have:
                    continue
                else:
                    alias = alias.with_changes(name=cst.Name("relationship"))
                    have.add("relationship")
            names.append(alias)
        if names:
            names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return node.with_changes(names=names)
    raise CannotFix("not a `relation` call or import")


def fix_mapper_event_target(node: Any, fx: FixContext) -> Any:
    """`event.listen(mapper, ...)` → `event.listen(Mapper, ...)`."""
    if isinstance(node, cst.Attribute):
        return node.with_changes(attr=cst.Name("Mapper"))
    return fx.name("sqlalchemy.orm", "Mapper")


def fix_declarative_mixin(node: Any, fx: FixContext) -> Any:
    """Remove `@declarative_mixin` (it returns the class unchanged)."""
    f = fx.finding
    line = fx.text.splitlines()[f.end_line - 1] if f is not None else ""
    if "#" in line[f.end_column - 1 :] if f is not None else False:
        fx.unsafe("removing the decorator would drop the comment on its line")
    if isinstance(node, cst.Name):
        _drop_import_if_unused(fx, node.value)
    return fx.drop_decorator(node)
