"""SQ308, SQ309, SQ310, SQ312, SQ319: column attributes of declarative classes."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._column_fixability import annotated_column_refusal
from sqla_assist.rules._models import (
    DEFAULT_SQL_TYPE,
    Attr,
    ModelEvidence,
    call_named,
    class_attrs,
    column_shape,
    const_kw,
    mapped_wrapper,
    mixins,
    model_evidence,
    parse_annotation,
    table_name,
)

_COLUMN = frozenset({"Column"})
_COLUMNS = frozenset({"Column", "mapped_column"})
_ORM_ATTRS = frozenset(
    {"Column", "mapped_column", "relationship", "relation", "column_property", "deferred", "synonym", "composite", "dynamic_loader"}
)
_TOKENS_COLUMN = (b"Column(", b"Column (")


def _safety(ev: ModelEvidence, strong_name: bool) -> tuple[FixSafety, Evidence]:
    # SAFE with weak evidence reads as unsafe until the gathering pass settles `via` (a base
    # imported from another module) and upgrades the evidence.
    if ev.strong and strong_name:
        return FixSafety.SAFE, Evidence.STRONG
    return FixSafety.SAFE, Evidence.WEAK


class ColumnInDeclarative(Rule):
    id = "SQ308"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_column", order=-1, keeps_comments=True)
    name = "declarative-column"
    title = "`Column(...)` in a declarative class body → `mapped_column(...)`"
    fix_class = "safe"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.ClassDef,)
    tokens = _TOKENS_COLUMN
    what = "Flags `name = Column(...)` attributes of mapped classes and of mixins that mapped classes use."
    why = (
        "`mapped_column()` is the 2.0 declarative construct: it takes the same arguments and is what "
        "`Mapped[...]` annotations work with. `Column` in a class body still works but is the 1.x form, "
        "and with `Column` on the right an annotation's optionality is ignored."
    )
    example = Example(
        before=(
            "class User(Base):\n    __tablename__ = \"user_account\"\n"
            "    id = Column(Integer, primary_key=True)\n    fullname = Column(String)"
        ),
        after=(
            "class User(Base):\n    __tablename__ = \"user_account\"\n"
            "    id = mapped_column(Integer, primary_key=True)\n    fullname = mapped_column(String)"
        ),
    )
    use_instead = (
        "`mapped_column(...)` with the arguments unchanged. Leave `Column` inside `Table(...)` and "
        "`__table__ = Table(...)` alone."
    )
    fix_safety = (
        "Safe (DDL unchanged) while no `Mapped[...]` annotation is added; `insert_sentinel=` has no "
        "`mapped_column` counterpart and blocks the fix. Needs SQLAlchemy 2.0."
    )
    references = ("SQLAlchemy 2.0 what's new, “Step two - replace Declarative use of Column with mapped_column()”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        attrs = [(a, call_named(a.value, ctx, _COLUMN)) for a in class_attrs(node)]
        attrs = [(a, n) for a, n in attrs if n is not None]
        if not attrs:
            return
        ev = model_evidence(node, ctx)
        if ev is None:
            return
        where = "mixin" if ev.mixin else "declarative class"
        for attr, named in attrs:
            assert named is not None
            fix, evidence = _safety(ev, named[1])
            assert isinstance(attr.value, ast.Call)
            if any(k.arg == "insert_sentinel" for k in attr.value.keywords):
                fix = FixSafety.MANUAL
            refusal = annotated_column_refusal(attr.stmt, attr.value)
            if refusal is not None:
                fix = FixSafety.MANUAL
            ctx.report(
                self,
                attr.stmt,
                f"`{attr.name} = Column(...)` in {where} `{node.name}`: use `mapped_column(...)` (same arguments)"
                + (f"; not fixed automatically: {refusal}" if refusal else ""),
                fix=fix,
                evidence=evidence,
                via=ev.via,
            )


def referenced_type(target: str, ctx: FileContext) -> str | None:
    """Python type of the column `table.col` when its class is in this file."""
    table, _, column = target.rpartition(".")
    for cls in ast.walk(ctx.tree):
        if not isinstance(cls, ast.ClassDef) or table_name(cls) != table:
            continue
        for a in class_attrs(cls):
            if not isinstance(a.value, ast.Call) or call_named(a.value, ctx, _COLUMNS) is None:
                continue
            first = a.value.args[0] if a.value.args else None
            named = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else a.name
            if named == column:
                return column_shape(a.value).python_type
    return None


def annotation_for(call: ast.Call, ctx: FileContext) -> tuple[str, str, bool]:
    """(`Mapped[...]` text, reason, certain) for a column call."""
    shape = column_shape(call)
    fk_type = referenced_type(shape.foreign_key, ctx) if shape.foreign_key and shape.python_type is None else None
    if shape.python_type is not None:
        py = shape.python_type
        certain = True
    elif fk_type is not None:
        py = fk_type
        certain = True
    elif shape.foreign_key:
        py = f"<type of {shape.foreign_key}>"
        certain = False
    elif shape.sql_type is not None:
        py = f"<Python type of {ast.unparse(shape.sql_type)}>"
        certain = False
    else:
        py = "<type>"
        certain = False
    if shape.nullable is None:
        return f"Mapped[{py}]", f"{shape.reason}: NULL-ness unknown", False
    text = f"Mapped[Optional[{py}]]" if shape.nullable else f"Mapped[{py}]"
    null = "NULL" if shape.nullable else "NOT NULL"
    return text, f"{null}: {shape.reason}", certain


class UnannotatedColumn(Rule):
    id = "SQ309"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_annotate_column")
    name = "column-mapped-annotation"
    title = "annotate column attributes with `Mapped[...]` (type and nullability inferred)"
    fix_class = "typed"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.ClassDef,)
    tokens = (b"Column(", b"mapped_column(")
    what = (
        "Flags un-annotated `Column(...)`/`mapped_column(...)` attributes of mapped classes and states "
        "the `Mapped[...]` annotation that keeps the table's DDL: the Python type from the SQL type, "
        "`Optional[...]` exactly when the column was nullable."
    )
    why = (
        "Without `Mapped[...]` a type checker sees nothing of a model's attributes. The annotation "
        "also drives `mapped_column()`: `Mapped[str]` means NOT NULL, so an annotation that ignores "
        "1.x nullability (every non-primary-key column nullable unless `nullable=False`, foreign "
        "keys included) silently changes the schema."
    )
    example = Example(
        before=(
            "class User(Base):\n    id = mapped_column(Integer, primary_key=True)\n"
            "    fullname = mapped_column(String)\n    user_id = mapped_column(ForeignKey(\"user_account.id\"))"
        ),
        after=(
            "class User(Base):\n    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
            "    fullname: Mapped[Optional[str]] = mapped_column(String)\n"
            "    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey(\"user_account.id\"))"
        ),
    )
    use_instead = (
        "`name: Mapped[T]` for NOT NULL columns (`nullable=False`, or a primary key without "
        "`nullable=True`), `Mapped[Optional[T]]` for the rest; `server_default`/`default` do not "
        "make a column NOT NULL. Convert `Column` to `mapped_column` first (SQ308): `Column` ignores "
        "the annotation's optionality."
    )
    fix_safety = (
        "Typed: exact when the SQL type maps to a Python type (`String`→`str`, `Numeric`→`Decimal`, "
        "`Enum(E)`→`E` …) and nullability is a constant. Foreign keys without a type take the "
        "referenced column's type; custom `TypeDecorator`s and computed `nullable=` are manual."
    )
    references = (
        "SQLAlchemy 2.0 what's new, “Step three - apply exact Python types as needed using Mapped”",
        "SQLAlchemy ORM docs, “mapped_column() derives the datatype and nullability from the Mapped annotation”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        attrs = [(a, call_named(a.value, ctx, _COLUMNS)) for a in class_attrs(node) if a.annotation is None]
        attrs = [(a, n) for a, n in attrs if n is not None]
        if not attrs:
            return
        ev = model_evidence(node, ctx)
        if ev is None:
            return
        for attr, named in attrs:
            assert named is not None and isinstance(attr.value, ast.Call)
            text, reason, certain = annotation_for(attr.value, ctx)
            fix, evidence = _safety(ev, named[1])
            if not certain:
                fix = FixSafety.MANUAL
            first = " after SQ308" if named[0] == "Column" else ""
            ctx.report(
                self,
                attr.stmt,
                f"annotate `{attr.name}: {text}`{first} ({reason})",
                fix=fix,
                evidence=evidence,
                via=ev.via,
            )


def _inner_type(ann: ast.expr) -> tuple[str | None, bool]:
    """(`int`, optional?) for `Mapped[int]` / `Mapped[Optional[int]]` / `Mapped[int | None]`."""
    ann = parse_annotation(ann)
    if not isinstance(ann, ast.Subscript):
        return None, False
    inner = parse_annotation(ann.slice)
    optional = False
    if isinstance(inner, ast.Subscript):
        head = inner.value
        head_name = head.attr if isinstance(head, ast.Attribute) else head.id if isinstance(head, ast.Name) else ""
        if head_name == "Optional":
            inner, optional = inner.slice, True
    elif isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
        sides = [inner.left, inner.right]
        rest = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
        if len(rest) == 1:
            inner, optional = rest[0], True
    name = inner.attr if isinstance(inner, ast.Attribute) else inner.id if isinstance(inner, ast.Name) else None
    return name, optional


class RedundantMappedColumnArgs(Rule):
    id = "SQ310"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_redundant_args")
    name = "mapped-column-redundant-args"
    title = "drop `mapped_column()` arguments the `Mapped[...]` annotation already implies"
    fix_class = "typed"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.ClassDef,)
    tokens = (b"mapped_column(",)
    what = (
        "Flags annotated `mapped_column(...)` attributes whose SQL type is exactly the annotation's "
        "default mapping (`Integer` for `int`, bare `String` for `str` …) or whose `nullable=` says "
        "what the annotation already says."
    )
    why = (
        "Once annotated, the SQL type and NULL-ness come from `Mapped[...]`; repeating them is noise "
        "that can drift out of sync with the annotation."
    )
    example = Example(
        before=(
            "class User(Base):\n    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
            "    note: Mapped[Optional[str]] = mapped_column(Text, nullable=True)"
        ),
        after=(
            "class User(Base):\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
            "    note: Mapped[Optional[str]] = mapped_column(Text)"
        ),
    )
    use_instead = (
        "Keep any type that carries more than the default: `String(30)` (a bare `Mapped[str]` has no "
        "length and MySQL rejects it), `Text`, `BigInteger`, `Numeric(10, 2)`, `DateTime(timezone=True)`."
    )
    fix_safety = (
        "Typed: removes only a bare type identical to the default mapping (when the declarative base is in "
        "the same file and no `type_annotation_map` is in sight) and a `nullable=` equal to the annotation's."
    )
    references = ("SQLAlchemy 2.0 what's new, “Step four - remove mapped_column() directives where no longer needed”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        attrs = [
            a
            for a in class_attrs(node)
            if a.annotation is not None
            and mapped_wrapper(a.annotation) == "Mapped"
            and call_named(a.value, ctx, frozenset({"mapped_column"})) is not None
        ]
        if not attrs:
            return
        ev = model_evidence(node, ctx)
        if ev is None:
            return
        for attr in attrs:
            self._attr(attr, ev, ctx)

    def _attr(self, attr: Attr, ev: ModelEvidence, ctx: FileContext) -> None:
        assert isinstance(attr.value, ast.Call) and attr.annotation is not None
        sql_type, nullable = redundant_args(attr.value, attr.annotation)
        redundant = [f"`{ast.unparse(sql_type)}`"] if sql_type is not None else []
        if nullable is not None:
            redundant.append(f"`nullable={nullable}`")
        if not redundant:
            return
        fix, evidence = _safety(ev, True)
        why = ""
        if sql_type is not None and not _default_type_map(attr, ctx):
            # A `type_annotation_map` on the base may map the annotation to another type.
            fix, why = FixSafety.MANUAL, " (the base's `type_annotation_map` is not visible in this file: keep the type)"
        ctx.report(
            self,
            attr.stmt,
            f"`{attr.name}`: {' and '.join(redundant)} repeat{'s' if len(redundant) == 1 else ''} what `Mapped[...]` implies{why}",
            fix=fix,
            evidence=evidence,
            via=ev.via,
        )


def redundant_args(call: ast.Call, annotation: ast.expr) -> tuple[ast.expr | None, bool | None]:
    """(the positional SQL type equal to the annotation's default mapping, the `nullable=` value
    equal to what the annotation implies) of an annotated `mapped_column(...)`; None where not."""
    py, optional = _inner_type(annotation)
    shape = column_shape(call)
    t = shape.sql_type
    default = DEFAULT_SQL_TYPE.get(py or "")
    sql_type: ast.expr | None = None
    if t is not None and default is not None and t in call.args:
        bare = t if not isinstance(t, ast.Call) else (t.func if not t.args and not t.keywords else None)
        bare_name = bare.attr if isinstance(bare, ast.Attribute) else bare.id if isinstance(bare, ast.Name) else None
        if bare_name == default:
            sql_type = t
    nullable = const_kw(call, "nullable")
    if nullable is True and optional and const_kw(call, "primary_key") is None:
        return sql_type, True
    if nullable is False and not optional and py is not None:
        return sql_type, False
    return sql_type, None


def _default_type_map(attr: Attr, ctx: FileContext) -> bool:
    """The class's declarative base is defined in this file and no `type_annotation_map` is in sight:
    an annotation maps to SQLAlchemy's default type."""
    if "type_annotation_map" in ctx.text:
        return False
    classes = {c.name: c for c in ast.walk(ctx.tree) if isinstance(c, ast.ClassDef)}
    owner = next((c for c in classes.values() if attr.stmt in c.body), None)
    seen: set[str] = set()
    todo = [owner] if owner is not None else []
    while todo:
        cls = todo.pop()
        if cls.name in seen:
            continue
        seen.add(cls.name)
        for base in cls.bases:
            if ctx.qualify(base) in ("sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta"):
                return True
            if not isinstance(base, ast.Name):
                continue
            if base.id in classes:
                todo.append(classes[base.id])
                continue
            for stmt in ctx.tree.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == base.id for t in stmt.targets)
                    and isinstance(stmt.value, ast.Call)
                    and ctx.qualify(stmt.value.func) in ("sqlalchemy.orm.declarative_base", "sqlalchemy.ext.declarative.declarative_base")
                ):
                    return True
    return False


class NonMappedAnnotation(Rule):
    id = "SQ312"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_non_mapped_annotation")
    name = "non-mapped-annotation"
    title = "wrap mypy-plugin-era annotations in `Mapped[...]` (or set `__allow_unmapped__`)"
    fix_class = "safe/typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.ClassDef,)
    tokens = (b"Column(", b"relationship(", b"column_property(", b"relation(", b"mapped_column(")
    what = (
        "Flags mapped attributes annotated with a plain type (`id: int = Column(...)`, "
        "`bars: List[\"Bar\"] = relationship(...)`) in mapped classes."
    )
    why = (
        "2.0 reads class annotations: a non-`Mapped` annotation on a `relationship()` raises "
        "`MappedAnnotationError` when the class is mapped; on a `Column` it is ignored, and becomes "
        "a NOT NULL column as soon as the `Column` turns into `mapped_column`."
    )
    example = Example(
        before=(
            "class Foo(Base):\n    id: int = Column(Integer, primary_key=True)\n"
            "    bars: List[\"Bar\"] = relationship(\"Bar\", back_populates=\"foo\")"
        ),
        after=(
            "class Foo(Base):\n    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
            "    bars: Mapped[List[\"Bar\"]] = relationship(\"Bar\", back_populates=\"foo\")"
        ),
    )
    use_instead = (
        "Wrap the annotation in `Mapped[...]`, or, as a zero-change first step, put "
        "`__allow_unmapped__ = True` on the base class."
    )
    fix_safety = (
        "`__allow_unmapped__` is safe. Wrapping is typed: DDL-neutral while the value is `Column`, but "
        "once it becomes `mapped_column` SQ309's nullability rule applies."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “Migration to 2.0 Step Six - Add __allow_unmapped__ to explicitly typed ORM models”",
        "SQLAlchemy 2.0 what's new, “Using Legacy Mypy-Typed Models”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        attrs: list[tuple[Attr, tuple[str, bool]]] = []
        for a in class_attrs(node):
            if a.annotation is None or mapped_wrapper(a.annotation) is not None:
                continue
            named = call_named(a.value, ctx, _ORM_ATTRS)
            if named is not None:
                attrs.append((a, named))
        if not attrs or _allows_unmapped(node, ctx):
            return
        ev = model_evidence(node, ctx)
        if ev is None:
            return
        for attr, (fn, strong) in attrs:
            assert attr.annotation is not None
            fix, evidence = _safety(ev, strong)
            ann = ctx.segment(attr.annotation) or ast.unparse(attr.annotation)
            if len(ann) > 1 and ann[0] == ann[-1] and ann[0] in "'\"" and "[" in ann:
                ann = ann[1:-1]
            if fn in ("relationship", "relation", "dynamic_loader"):
                effect = "raises MappedAnnotationError on 2.0"
            elif fn == "Column":
                effect = "is ignored by `Column` on 2.0 and starts driving NULL-ness once it is `mapped_column`"
            else:
                effect = "is not a `Mapped[...]` annotation, which 2.0's declarative scan expects"
            ctx.report(
                self,
                attr.stmt,
                f"`{attr.name}: {ann} = {fn}(...)` {effect}: use `Mapped[{ann}]` or `__allow_unmapped__`",
                fix=fix,
                evidence=evidence,
                via=ev.via,
            )


def _allows_unmapped(cls: ast.ClassDef, ctx: FileContext) -> bool:
    """`__allow_unmapped__ = True` on the class or on a class of this file it derives from."""
    names = {cls.name, *(b.id for b in cls.bases if isinstance(b, ast.Name))}
    for other in ast.walk(ctx.tree):
        if isinstance(other, ast.ClassDef) and other.name in names:
            for stmt in other.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "__allow_unmapped__" for t in stmt.targets)
                ):
                    return True
    return False


class MixinColumnOrder(Rule):
    id = "SQ319"
    name = "mixin-column-order"
    title = "mixin columns now come after the class's own columns in CREATE TABLE"
    fix_class = "lint"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.ClassDef,)
    tokens = (*_TOKENS_COLUMN, b"mapped_column(")
    what = (
        "Flags mapped classes that define columns of their own and inherit columns from a mixin of "
        "the same file that sets no `sort_order=`."
    )
    why = (
        "1.4 put mixin columns first in CREATE TABLE; 2.0 puts the class's own columns first. Alembic "
        "ignores column order, so existing databases are unaffected, but `create_all()` databases, "
        "`SELECT *` consumers and positional exports see a different order."
    )
    example = Example(
        before=(
            "class Mixin:\n    created = Column(Integer)\n\nclass P(Mixin, Base):\n"
            "    __tablename__ = \"p\"\n    id = Column(Integer, primary_key=True)"
        ),
        after=(
            "class Mixin:\n    created = mapped_column(Integer, sort_order=-10)\n\nclass P(Mixin, Base):\n"
            "    __tablename__ = \"p\"\n    id = mapped_column(Integer, primary_key=True)"
        ),
    )
    use_instead = "If anything depends on the old order, give the mixin's columns `sort_order=-10` (2.0.4+)."
    fix_safety = "Lint: nothing to rewrite unless the order matters to you."
    references = (
        "SQLAlchemy 2.0 what's new, “ORM Declarative Applies Column Orders Differently; Control behavior using sort_order”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if len(node.bases) < 2 or not any(isinstance(b, ast.Name) for b in node.bases):
            return  # a mixin plus a base, at least
        if not any(isinstance(a.value, ast.Call) for a in class_attrs(node)):
            return
        local = mixins(ctx)
        if node.name in local:
            return
        used = [b.id for b in node.bases if isinstance(b, ast.Name) and b.id in local]
        if not used:
            return
        own = [a for a in class_attrs(node) if call_named(a.value, ctx, _COLUMNS) is not None]
        if not own:
            return
        ev = model_evidence(node, ctx)
        if ev is None or ev.mixin:
            return
        for name in used:
            mixin = next((c for c in mixin_users_defs(ctx, name)), None)
            if mixin is None:
                continue
            cols = [
                a.name
                for a in class_attrs(mixin)
                if isinstance(a.value, ast.Call)
                and call_named(a.value, ctx, _COLUMNS) is not None
                and not any(k.arg == "sort_order" for k in a.value.keywords)
            ]
            if cols:
                listed = ", ".join(f"`{c}`" for c in cols)
                ctx.report(
                    self,
                    node,
                    f"`{node.name}`: columns {listed} from mixin `{name}` move after its own columns in CREATE TABLE on 2.0",
                    evidence=Evidence.STRONG if ev.strong else Evidence.WEAK,
                    via=ev.via,
                )


def mixin_users_defs(ctx: FileContext, name: str) -> list[ast.ClassDef]:
    return [n for n in ast.walk(ctx.tree) if isinstance(n, ast.ClassDef) and n.name == name]

