"""Shapes the typed-model rules (SQ3xx) share: is a class mapped, what does a column hold.

A class body is only declarative when the class is mapped (or is a mixin of a mapped class);
`Column(...)` anywhere else is Core. The evidence comes from the scope builder's class kinds,
from the gathering pass (a base imported from another module) and, weakly, from
`__tablename__`/`__table__` or a `...Mixin` name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Fact, Kind
from sqla_assist.core.findings import Evidence
from sqla_assist.rules._helpers import via_for

MODEL_KINDS = frozenset({Kind.MODEL})
_MAPPED_ANNOTATIONS = frozenset({"Mapped", "WriteOnlyMapped", "DynamicMapped"})


def sa_name(func: ast.expr, ctx: FileContext) -> tuple[str, bool] | None:
    """`Column` for `Column`/`sa.Column`/`db.Column`; with whether that is certain.

    Flask-SQLAlchemy's `db` re-exports every SQLAlchemy name, so `db.Column` counts when `db`
    is known to be a `SQLAlchemy()` instance (strong) or is merely called `db` (weak).
    """
    qual = ctx.qualify(func)
    if qual is not None:
        if qual.startswith("sqlalchemy."):
            return qual.rpartition(".")[2], True
        if qual.startswith("flask_sqlalchemy.") and isinstance(func, ast.Attribute):
            return func.attr, True
        if not isinstance(func, ast.Attribute):
            return None
    if isinstance(func, ast.Name):
        # `from sqlalchemy.orm import *` alone does not resolve names it does not list.
        if qual is None and any(m.startswith("sqlalchemy") for m in ctx.imports.star_modules):
            return func.id, False
        return None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = ctx.fact(func.value)
        if owner.kind is Kind.FLASK_DB:
            return func.attr, owner.evidence is Evidence.STRONG
        if func.value.id == "db":
            return func.attr, False
    return None


def call_named(node: ast.AST, ctx: FileContext, names: frozenset[str]) -> tuple[str, bool] | None:
    """The SQLAlchemy name `node` calls, if it is one of `names`."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if last not in names:
        return None
    return sa_name(func, ctx)


def orm_name(expr: ast.expr, ctx: FileContext, *names: str) -> bool:
    """`expr` is `sqlalchemy.orm.<name>` (also through a star import of `sqlalchemy.orm`)."""
    last = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else None
    if last is None:
        return False
    # Cheapest test first; only a bare imported name can be an alias (`relation as rel`).
    if last not in names and (isinstance(expr, ast.Attribute) or last not in ctx.imports.names):
        return False
    qual = ctx.qualify(expr)
    if qual is not None:
        # Any SQLAlchemy module path: old code imports from `sqlalchemy.ext.declarative.api` etc.
        return any(qual.startswith("sqlalchemy.") and qual.endswith(f".{n}") for n in names) or (
            isinstance(expr, ast.Name) and expr.id not in ctx.imports.names and qual in {f"sqlalchemy.{n}" for n in names}
        )
    return (
        isinstance(expr, ast.Name)
        and expr.id in names
        and any(m.startswith("sqlalchemy.orm") for m in ctx.imports.star_modules)
    )


@dataclass(frozen=True)
class ModelEvidence:
    """Why a class body is declarative."""

    evidence: Evidence
    via: str = ""
    mixin: bool = False

    @property
    def strong(self) -> bool:
        return self.evidence is Evidence.STRONG


def _has_table_marker(cls: ast.ClassDef) -> bool:
    for stmt in cls.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id in ("__tablename__", "__table__") for t in targets):
            return True
    return False


def _base_fact(cls: ast.ClassDef, ctx: FileContext) -> ModelEvidence | None:
    """From the bases, evaluated in the scope enclosing the class (where `check` runs)."""
    first_via = ""
    weak_name = False
    for base in cls.bases:
        if isinstance(base, ast.Attribute) and base.attr == "Model":
            owner = ctx.fact(base.value)
            if owner.kind is Kind.FLASK_DB:
                return ModelEvidence(owner.evidence)
            if owner.via and not owner.strong:
                first_via = first_via or f"{owner.via}.Model"
                continue
            if isinstance(base.value, ast.Name) and base.value.id == "db":
                return ModelEvidence(Evidence.WEAK)
            continue
        fact = ctx.fact(base)
        if fact.kind in (Kind.BASE, Kind.MODEL):
            return ModelEvidence(fact.evidence, via_for(fact, MODEL_KINDS))
        if ctx.qualify(base) in ("sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta"):
            return ModelEvidence(Evidence.STRONG)
        if fact.via and not fact.strong and not fact.via.startswith("<"):
            first_via = first_via or fact.via.removesuffix("<subclass>")
        elif isinstance(base, ast.Name) and base.id.endswith("Base") and fact.kind is None and not fact.via:
            # The conventional name of a declarative base defined out of sight (star import).
            weak_name = True
    if first_via:
        return ModelEvidence(Evidence.WEAK, via_for(Fact(None, Evidence.WEAK, f"{first_via}<subclass>"), MODEL_KINDS))
    if weak_name:
        return ModelEvidence(Evidence.WEAK)
    return None


def model_evidence(cls: ast.ClassDef, ctx: FileContext) -> ModelEvidence | None:
    """Evidence that `cls`'s body is a declarative mapping (class or mixin), or None."""
    found = _base_fact(cls, ctx)
    if found is not None and (found.strong or not found.via):
        return found
    mixin = mixins(ctx).get(cls.name)
    if mixin is not None and not cls.bases:
        return mixin
    if found is not None:
        return found
    if _has_table_marker(cls):
        return ModelEvidence(Evidence.WEAK)
    if cls.name.endswith("Mixin") and all(isinstance(b, ast.Name) and b.id == "object" for b in cls.bases):
        return ModelEvidence(Evidence.WEAK, mixin=True)
    return None


def mixins(ctx: FileContext) -> dict[str, ModelEvidence]:
    """Base-less classes of this file that a mapped class of this file inherits from."""
    cached: dict[str, ModelEvidence] | None = getattr(ctx, "_sq3_mixins", None)
    if cached is not None:
        return cached
    out: dict[str, ModelEvidence] = {}
    classes = {n.name: n for n in _module_classes(ctx.tree.body)}
    saved = ctx.scope
    ctx.scope = ctx.module_scope
    try:
        for cls in classes.values():
            found = _base_fact(cls, ctx)
            if found is None and not _has_table_marker(cls):
                continue
            ev = found or ModelEvidence(Evidence.WEAK)
            for base in cls.bases:
                if isinstance(base, ast.Name) and base.id in classes and not classes[base.id].bases:
                    known = out.get(base.id)
                    if known is None or (ev.strong and not known.strong):
                        out[base.id] = ModelEvidence(ev.evidence, ev.via, mixin=True)
    finally:
        ctx.scope = saved
    ctx._sq3_mixins = out  # type: ignore[attr-defined]
    return out


def _module_classes(body: list[ast.stmt]) -> list[ast.ClassDef]:
    """Classes defined at module level, including inside `if`/`try` blocks (not in functions)."""
    out: list[ast.ClassDef] = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            out.append(stmt)
        elif isinstance(stmt, ast.If):
            out += _module_classes(stmt.body) + _module_classes(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            out += _module_classes(stmt.body) + _module_classes(stmt.orelse) + _module_classes(stmt.finalbody)
    return out


# -- class-body attributes ------------------------------------------------------------------


@dataclass(frozen=True)
class Attr:
    """`name = value` or `name: annotation = value` in a class body."""

    stmt: ast.Assign | ast.AnnAssign
    name: str
    value: ast.expr
    annotation: ast.expr | None


def class_attrs(cls: ast.ClassDef) -> list[Attr]:
    out: list[Attr] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            out.append(Attr(stmt, stmt.targets[0].id, stmt.value, None))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            out.append(Attr(stmt, stmt.target.id, stmt.value, stmt.annotation))
    return out


def parse_annotation(ann: ast.expr) -> ast.expr:
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        try:
            return ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return ann
    return ann


def mapped_wrapper(ann: ast.expr) -> str | None:
    """`Mapped` for `Mapped[int]` / `so.Mapped[int]` / `"Mapped[int]"`; None otherwise."""
    ann = parse_annotation(ann)
    if isinstance(ann, ast.Subscript):
        head = ann.value
        name = head.attr if isinstance(head, ast.Attribute) else head.id if isinstance(head, ast.Name) else None
        if name in _MAPPED_ANNOTATIONS:
            return name
    return None


def kw(call: ast.Call, name: str) -> ast.keyword | None:
    for k in call.keywords:
        if k.arg == name:
            return k
    return None


def const_kw(call: ast.Call, name: str) -> object:
    """The constant value of keyword `name`; `...` when present but not a constant; None when absent."""
    k = kw(call, name)
    if k is None:
        return None
    if isinstance(k.value, ast.Constant):
        return k.value.value
    return ...


def dotted(expr: ast.expr) -> str:
    try:
        return ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse is total on parsed trees
        return "?"


# -- column type and nullability ------------------------------------------------------------

PY_TYPES: dict[str, str] = {
    **dict.fromkeys(["Integer", "BigInteger", "SmallInteger", "INTEGER", "INT", "BIGINT", "SMALLINT"], "int"),
    **dict.fromkeys(
        ["String", "Text", "Unicode", "UnicodeText", "VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "TEXT", "CLOB"], "str"
    ),
    **dict.fromkeys(["Boolean", "BOOLEAN"], "bool"),
    **dict.fromkeys(["Float", "REAL", "FLOAT", "Double", "DOUBLE", "DOUBLE_PRECISION"], "float"),
    **dict.fromkeys(["Numeric", "NUMERIC", "DECIMAL"], "Decimal"),
    **dict.fromkeys(["Date", "DATE"], "datetime.date"),
    **dict.fromkeys(["DateTime", "DATETIME", "TIMESTAMP"], "datetime.datetime"),
    **dict.fromkeys(["Time", "TIME"], "datetime.time"),
    "Interval": "datetime.timedelta",
    **dict.fromkeys(["LargeBinary", "BLOB", "BINARY", "VARBINARY", "BYTEA"], "bytes"),
    **dict.fromkeys(["Uuid", "UUID"], "uuid.UUID"),
    **dict.fromkeys(["JSON", "JSONB"], "dict[str, Any]"),
    "PickleType": "Any",
}
# What a bare `Mapped[T]` maps to by default; a column whose type is exactly this can drop it.
DEFAULT_SQL_TYPE: dict[str, str] = {
    "int": "Integer",
    "str": "String",
    "bool": "Boolean",
    "float": "Float",
    "Decimal": "Numeric",
    "datetime": "DateTime",
    "date": "Date",
    "time": "Time",
    "timedelta": "Interval",
    "bytes": "LargeBinary",
    "UUID": "Uuid",
}
_NOT_TYPES = frozenset(
    ["ForeignKey", "Sequence", "Identity", "Computed", "CheckConstraint", "FetchedValue", "DefaultClause"]
)


def _type_name(expr: ast.expr) -> str | None:
    node = expr.func if isinstance(expr, ast.Call) else expr
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


@dataclass(frozen=True)
class ColumnShape:
    """What a `Column(...)`/`mapped_column(...)` call says about its Python type and NULL-ness."""

    sql_type: ast.expr | None
    foreign_key: str  # target of a positional `ForeignKey("t.c")`, "" if none
    python_type: str | None  # None: not derivable here
    nullable: bool | None  # None: decided at run time (`nullable=<expr>`)
    reason: str


def column_shape(call: ast.Call) -> ColumnShape:
    positional = list(call.args)
    if positional and isinstance(positional[0], ast.Constant) and isinstance(positional[0].value, str):
        positional = positional[1:]
    sql_type: ast.expr | None = None
    fk = ""
    for arg in positional:
        name = _type_name(arg)
        if name == "ForeignKey" and isinstance(arg, ast.Call):
            if arg.args and isinstance(arg.args[0], ast.Constant) and isinstance(arg.args[0].value, str):
                fk = arg.args[0].value
            else:
                fk = dotted(arg.args[0]) if arg.args else "?"
        elif name not in _NOT_TYPES and sql_type is None and not isinstance(arg, ast.Starred):
            sql_type = arg
    type_kw = kw(call, "type_")
    if sql_type is None and type_kw is not None:
        sql_type = type_kw.value
    python_type = python_type_of(sql_type) if sql_type is not None else None
    if sql_type is None and fk:
        python_type = None
    nullable = const_kw(call, "nullable")
    primary = const_kw(call, "primary_key")
    if nullable is ...:
        return ColumnShape(sql_type, fk, python_type, None, "`nullable=` is computed")
    if nullable is False:
        return ColumnShape(sql_type, fk, python_type, False, "`nullable=False`")
    if nullable is True:
        return ColumnShape(sql_type, fk, python_type, True, "`nullable=True`")
    if primary is True:
        return ColumnShape(sql_type, fk, python_type, False, "primary key")
    if primary is ...:
        return ColumnShape(sql_type, fk, python_type, None, "`primary_key=` is computed")
    why = "foreign key without `nullable=False`" if fk else "no `nullable=False`"
    return ColumnShape(sql_type, fk, python_type, True, why)


def python_type_of(sql_type: ast.expr) -> str | None:
    name = _type_name(sql_type)
    if name is None:
        return None
    if name == "Enum" and isinstance(sql_type, ast.Call):
        if sql_type.args and not isinstance(sql_type.args[0], ast.Constant | ast.Starred):
            return dotted(sql_type.args[0])
        return "str"
    if name == "ARRAY" and isinstance(sql_type, ast.Call) and sql_type.args:
        inner = python_type_of(sql_type.args[0])
        return f"list[{inner}]" if inner else None
    if name in ("Numeric", "NUMERIC", "DECIMAL") and isinstance(sql_type, ast.Call):
        if const_kw(sql_type, "asdecimal") is False:
            return "float"
    if name == "UUID" and isinstance(sql_type, ast.Call) and const_kw(sql_type, "as_uuid") is False:
        return "str"
    return PY_TYPES.get(name)


def table_name(cls: ast.ClassDef) -> str | None:
    """The literal `__tablename__` of a declarative class body, if any."""
    for stmt in cls.body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in stmt.targets)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            return stmt.value.value
    return None
