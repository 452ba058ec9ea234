"""SQ311, SQ313, SQ314, SQ315: `relationship()` typing, backrefs and loader strategies."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._backref_fix import verdict
from sqla_assist.rules._models import (
    Attr,
    call_named,
    class_attrs,
    column_shape,
    const_kw,
    kw,
    mapped_wrapper,
    model_evidence,
    orm_name,
    table_name,
)
from sqla_assist.rules._typed_shapes import class_attribute_of, dynamic_annotated

_RELATIONSHIP = frozenset({"relationship", "relation", "dynamic_loader"})
_REL_OR_BACKREF = ("relationship", "relation", "dynamic_loader", "backref")
_KEYED = frozenset({"attribute_keyed_dict", "attribute_mapped_collection", "column_keyed_dict", "column_mapped_collection", "keyfunc_mapping", "mapped_collection"})


def _target(call: ast.Call) -> str | None:
    if call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value.rpartition(".")[2]
        if isinstance(first, ast.Name):
            return first.id
        if isinstance(first, ast.Attribute):
            return first.attr
        if isinstance(first, ast.Lambda):
            body = first.body
            return body.id if isinstance(body, ast.Name) else None
    argument = kw(call, "argument")
    if argument is not None and isinstance(argument.value, ast.Constant) and isinstance(argument.value.value, str):
        return argument.value.value
    return None


def _fk_columns(cls: ast.ClassDef, ctx: FileContext) -> list[tuple[str, str, bool | None]]:
    """(attribute, referenced "table.col", nullable) for the class's FK columns."""
    out: list[tuple[str, str, bool | None]] = []
    for a in class_attrs(cls):
        if isinstance(a.value, ast.Call) and call_named(a.value, ctx, frozenset({"Column", "mapped_column"})):
            shape = column_shape(a.value)
            if shape.foreign_key:
                out.append((a.name, shape.foreign_key, shape.nullable))
    return out


def _scalar(x: str, nullable: bool | None) -> str:
    if nullable is None:
        return f"Mapped[{x}] or Mapped[Optional[{x}]]"
    return f"Mapped[Optional[{x}]]" if nullable else f"Mapped[{x}]"


def relationship_annotation(
    call: ast.Call, owner: ast.ClassDef, ctx: FileContext, attr: str = ""
) -> tuple[str, bool]:
    """(`Mapped[...]` text, certain) for a `relationship(...)` in class `owner`."""
    target = _target(call)
    x = f'"{target}"' if target else "<target>"
    if isinstance(call.func, ast.Name | ast.Attribute) and orm_name(call.func, ctx, "dynamic_loader"):
        return f"DynamicMapped[{x}]", target is not None
    if const_kw(call, "lazy") == "dynamic":
        return f"DynamicMapped[{x}]", target is not None
    if const_kw(call, "lazy") == "write_only":
        return f"WriteOnlyMapped[{x}]", target is not None
    uselist = const_kw(call, "uselist")
    collection = kw(call, "collection_class")
    if uselist is False:
        return f"Mapped[Optional[{x}]]", target is not None
    if collection is not None:
        value = collection.value
        head = value.func if isinstance(value, ast.Call) else value
        name = head.attr if isinstance(head, ast.Attribute) else head.id if isinstance(head, ast.Name) else ""
        if name == "set":
            return f"Mapped[Set[{x}]]", target is not None
        if name in _KEYED:
            return f"Mapped[Dict[<key>, {x}]]", False
        if name == "list":
            return f"Mapped[List[{x}]]", target is not None
        return f"Mapped[<collection of {x}>]", False
    if uselist is True or kw(call, "secondary") is not None:
        return f"Mapped[List[{x}]]", target is not None
    if target is None:
        return "Mapped[...]", False
    own_fks = _fk_columns(owner, ctx)
    by_name = {name: nullable for name, _, nullable in own_fks}
    # `foreign_keys=[user_id]` naming this class's own FK column: many-to-one.
    fks = kw(call, "foreign_keys")
    if fks is not None:
        named = fks.value.elts if isinstance(fks.value, ast.List | ast.Tuple) else [fks.value]
        local = [by_name[n.id] for n in named if isinstance(n, ast.Name) and n.id in by_name]
        if len(local) == len(named) == 1:
            return _scalar(x, local[0]), local[0] is not None
    # Direction from where the foreign key lives, when both classes are in this file.
    target_cls = next((n for n in ctx.walk(ctx.tree) if isinstance(n, ast.ClassDef) and n.name == target), None)
    target_table = table_name(target_cls) if target_cls is not None else None
    own_table = table_name(owner)
    if target_table is not None:
        to_target = [f for f in own_fks if f[1].partition(".")[0] == target_table]
        if to_target and target_table != own_table:
            nullable = to_target[0][2]
            return _scalar(x, nullable), len(to_target) == 1 and nullable is not None
    if target_cls is not None and own_table is not None:
        back = [f for f in _fk_columns(target_cls, ctx) if f[1].partition(".")[0] == own_table]
        if back and target_table != own_table:
            return f"Mapped[List[{x}]]", len(back) == 1
    if attr and f"{attr}_id" in by_name:
        # `user_id` next to `user`: the usual spelling of a many-to-one.
        return _scalar(x, by_name[f"{attr}_id"]), False
    return f"Mapped[List[{x}]] (one-to-many) or Mapped[Optional[{x}]] (many-to-one)", False


class UntypedRelationship(Rule):
    id = "SQ311"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_annotate_relationship", keeps_comments=True)
    name = "relationship-mapped-annotation"
    title = "type `relationship()` attributes: `Mapped[List[\"X\"]]` / `Mapped[\"X\"]` / `Mapped[Optional[\"X\"]]`"
    fix_class = "typed"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.ClassDef,)
    tokens = (b"relationship(", b"relation(", b"dynamic_loader(")
    what = (
        "Flags un-annotated `relationship(...)` attributes of mapped classes and states the annotation "
        "that keeps the relationship's direction: a list for one-to-many and `secondary=`, a scalar "
        "(Optional when the foreign key is nullable) for many-to-one."
    )
    why = (
        "The annotation decides `uselist` when `uselist=` is not given: `Mapped[\"Address\"]` on a "
        "one-to-many silently turns it into a scalar. Direction comes from where the foreign key "
        "lives, so it must be read from the models, not guessed from the attribute name."
    )
    example = Example(
        before=(
            "class User(Base):\n    addresses = relationship(\"Address\", back_populates=\"user\")\n"
            "    tags = relationship(\"Tag\", secondary=tag_link, collection_class=set)"
        ),
        after=(
            "class User(Base):\n    addresses: Mapped[List[\"Address\"]] = relationship(\"Address\", back_populates=\"user\")\n"
            "    tags: Mapped[Set[\"Tag\"]] = relationship(\"Tag\", secondary=tag_link, collection_class=set)"
        ),
    )
    use_instead = (
        "`Mapped[List[\"X\"]]` for collections (`Set[...]` with `collection_class=set`, `Dict[K, \"X\"]` "
        "for keyed dicts), `Mapped[Optional[\"X\"]]` for a many-to-one over a nullable foreign key, "
        "`Mapped[\"X\"]` over a NOT NULL one; `DynamicMapped[\"X\"]` for `lazy=\"dynamic\"` (SQ314). "
        "Keep an explicit `uselist=`."
    )
    fix_safety = (
        "Typed: exact when `secondary=`, `uselist=` or `collection_class=` decide, or when both "
        "classes are in one file and the foreign key shows the direction; otherwise the "
        "direction must come from the gathered model graph."
    )
    references = ("SQLAlchemy 2.0 what's new, “Step three - apply exact Python types as needed using Mapped”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        attrs = [(a, call_named(a.value, ctx, _RELATIONSHIP)) for a in class_attrs(node) if a.annotation is None]
        attrs = [(a, n) for a, n in attrs if n is not None]
        if not attrs:
            return
        ev = model_evidence(node, ctx)
        if ev is None:
            return
        for attr, named in attrs:
            assert named is not None and isinstance(attr.value, ast.Call)
            text, certain = relationship_annotation(attr.value, node, ctx, attr.name)
            strong = ev.strong and named[1]
            fix = FixSafety.SAFE if certain else FixSafety.MANUAL  # weak evidence reads as unsafe until settled
            ctx.report(
                self,
                attr.stmt,
                f"annotate `{attr.name}: {text}`",
                fix=fix,
                evidence=Evidence.STRONG if strong else Evidence.WEAK,
                via=ev.via,
            )


class BackrefParameter(Rule):
    id = "SQ313"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_backref")
    name = "relationship-backref"
    title = "`backref=` → explicit `back_populates=` on both sides"
    fix_class = "typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Call,)
    tokens = (b"backref",)
    what = "Flags `relationship(..., backref=...)` (a name or `backref(\"name\", ...)`)."
    why = (
        "A backref creates an attribute on the other class at mapping time: type checkers and readers "
        "of that class never see it, and it cannot be annotated. The docs call `backref` legacy; "
        "`back_populates` declares both sides explicitly."
    )
    example = Example(
        before="class User(Base):\n    addresses = relationship(\"Address\", backref=backref(\"user\", lazy=\"joined\"))",
        after=(
            "class User(Base):\n    addresses = relationship(\"Address\", back_populates=\"user\")\n\n"
            "class Address(Base):\n    user = relationship(\"User\", back_populates=\"addresses\", lazy=\"joined\")"
        ),
    )
    use_instead = (
        "Add the reverse `relationship()` to the target class with `back_populates=` on both sides. "
        "It inherits `secondary`, swapped `primaryjoin`/`secondaryjoin`, `viewonly`, `passive_deletes`; "
        "the `backref(...)` keyword arguments move onto it; one-to-many's reverse is scalar."
    )
    fix_safety = (
        "Typed: edits two classes, often in two files; a name clash with an existing attribute on the "
        "target makes it manual."
    )
    references = ("SQLAlchemy ORM docs, “Using the legacy 'backref' relationship parameter”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        ref = kw(node, "backref")
        if ref is None or not orm_name(node.func, ctx, "relationship", "relation", "dynamic_loader"):
            return
        value = ref.value
        name: str | None = None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            name = value.value
        elif isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Constant):
            name = str(value.args[0].value)
        target = _target(node)
        where = f"`{target}`" if target else "the target class"
        message = (
            f"`backref={name!r}` creates `{target or '<target>'}.{name}` implicitly: declare it there with `back_populates=`"
            if name
            else f"`backref=` creates an attribute on {where} implicitly: declare it there with `back_populates=`"
        )
        # SAFE only for what the fixer takes (the same checks, `_backref_fix`); a class in another
        # module is located by the gathering pass (`via`), which turns the finding MANUAL if it can't.
        why, via = verdict(node, ctx, target)
        ctx.report(
            self,
            node,
            f"{message}; not fixed automatically: {why}" if why else message,
            fix=FixSafety.MANUAL if why else FixSafety.SAFE,
            via=via if not why else "",
        )


class DynamicRelationship(Rule):
    id = "SQ314"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_dynamic_annotation", statement=True)
    name = "dynamic-relationship"
    title = "`lazy=\"dynamic\"` / `dynamic_loader()` → `WriteOnlyMapped` / `lazy=\"write_only\"`"
    fix_class = "typed/manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Call,)
    tokens = (b"dynamic",)
    what = "Flags `relationship(..., lazy=\"dynamic\")`, `backref(..., lazy=\"dynamic\")` and `dynamic_loader(...)`."
    why = (
        "Dynamic relationships return a legacy `Query`; 2.0 supersedes them with write-only "
        "collections, which load nothing implicitly and are queried with `select()`."
    )
    example = Example(
        before="class User(Base):\n    posts = relationship(\"Post\", lazy=\"dynamic\")",
        after="class User(Base):\n    posts: WriteOnlyMapped[\"Post\"] = relationship(\"Post\")",
    )
    use_instead = (
        "`WriteOnlyMapped[\"Post\"]` (or `lazy=\"write_only\"`), then rewrite every consumer: "
        "`session.scalars(user.posts.select().where(...))`, `.add()`/`.remove()` instead of "
        "`.append()`. As an interim, behaviour-neutral step annotate `DynamicMapped[\"Post\"]`."
    )
    fix_safety = (
        "Manual: every read site changes (no iteration, `count()`, `filter()` on write-only "
        "collections; a session is needed). The fix adds the interim `DynamicMapped[...]` annotation, "
        "which keeps `lazy=\"dynamic\"` and the behaviour, to class attributes of mapped classes; a "
        "dynamic backref is declared on the other class first (SQ313)."
    )
    references = (
        "SQLAlchemy 2.0 migration guide, “\"Dynamic\" relationship loaders superseded by \"Write Only\"”",
        "SQLAlchemy ORM docs, “Write Only Relationships”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        loader = orm_name(node.func, ctx, "dynamic_loader")
        if not loader and (const_kw(node, "lazy") != "dynamic" or not orm_name(node.func, ctx, *_REL_OR_BACKREF)):
            return
        found = class_attribute_of(node, ctx)
        if found is not None and dynamic_annotated(found[1]):
            return  # typed as `DynamicMapped[...]`: the interim step is done, the loader is explicit
        what = "`dynamic_loader()` builds" if loader else "`lazy=\"dynamic\"` gives"
        sites = (
            "its call sites (`.filter()`, `.count()`, iteration, `.append()`) keep working until the move to "
            "`WriteOnlyMapped` rewrites each of them"
        )
        refusal = _dynamic_refusal(node, found, ctx)
        if refusal is None:
            message = f"{what} a legacy dynamic relationship: annotate it `DynamicMapped[...]` now; {sites}"
            ev = model_evidence(found[0], ctx) if found is not None else None
            strong = ev is not None and ev.strong
            ctx.report(self, node, message, fix=FixSafety.SAFE, evidence=Evidence.STRONG if strong else Evidence.WEAK, via=ev.via if ev else "")
        else:
            ctx.report(self, node, f"{what} a legacy dynamic relationship: move to `WriteOnlyMapped` ({refusal}); {sites}")


def _dynamic_refusal(call: ast.Call, found: tuple[ast.ClassDef, Attr] | None, ctx: FileContext) -> str | None:
    """Why the interim `DynamicMapped[...]` annotation cannot be added automatically here."""
    if orm_name(call.func, ctx, "backref"):
        return "the attribute is created on the other class by the backref: declare it there (SQ313)"
    if found is None:
        return "not a class attribute"
    owner, attr = found
    if attr.annotation is not None and mapped_wrapper(attr.annotation) != "Mapped":
        return "its annotation is not `Mapped[...]` (SQ312)"
    if model_evidence(owner, ctx) is None:
        return "the class is not known to be mapped"
    if _target(call) is None:
        return "the target class is not a literal name"
    return None


class CascadeBackrefs(Rule):
    id = "SQ315"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_cascade_backrefs")
    name = "cascade-backrefs"
    title = "`cascade_backrefs=` is gone: objects no longer join the session through a backref"
    fix_class = "safe/manual"
    on_20 = "ERROR/SILENT"
    on_21 = "ERROR/SILENT"
    nodes = (ast.Call,)
    tokens = (b"cascade_backrefs",)
    what = "Flags `cascade_backrefs=` given to `relationship()` or `backref()`."
    why = (
        "In 1.x assigning a pending object to a persistent object's backref pulled it into the "
        "session; 2.0 does not, and accepts only `cascade_backrefs=False` (a no-op). `True` raises "
        "`ArgumentError`, and code that relied on the cascade silently stops saving objects."
    )
    example = Example(
        before="addresses = relationship(\"Address\", backref=\"user\", cascade_backrefs=False)",
        after="addresses = relationship(\"Address\", backref=\"user\")",
    )
    use_instead = (
        "Delete `cascade_backrefs=False`. With `True`, delete it and add `session.add(obj)` wherever a "
        "new object was attached through the backref (`a.user = u` then commit)."
    )
    fix_safety = "Safe for `=False`; manual for anything else, because `session.add()` calls must be added."
    references = (
        "SQLAlchemy 1.4 migration notes, “cascade_backrefs behavior deprecated for removal in 2.0”",
        "SQLAlchemy error reference, “Object is being merged into a Session along the backref cascade”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        value = const_kw(node, "cascade_backrefs")
        if value is None or not orm_name(node.func, ctx, *_REL_OR_BACKREF):
            return
        if value is False:
            ctx.report(self, node, "`cascade_backrefs=False` is the only behaviour on 2.0: remove it", fix=FixSafety.SAFE)
        else:
            ctx.report(
                self,
                node,
                "`cascade_backrefs` other than False raises ArgumentError on 2.0; add `session.add()` where "
                "objects reached the session through the backref",
            )
