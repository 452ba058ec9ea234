"""Which `backref=` the SQ313 fixer can turn into two `back_populates=` sides, decided on `ast`.

The detector reports SAFE only for what the fixer (`_fix_models.fix_backref`) will take, and
MANUAL with the fixer's reason otherwise; both call the functions here. What only the other
module can tell (is the target class there, under the same base) is settled by the gathering
pass (`core.gather.locate_model`), which the fixer asks again at fix time.

Where the reverse side may go: a class defined at module level, also inside module-level
`if`/`try` blocks (`try:` around imports, `if sys.version_info` branches), exactly once. A
class defined inside a function or another class, or created dynamically, has no place the
fixer could write an attribute that exists at import time.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.rules._models import (
    call_named,
    class_attrs,
    column_shape,
    const_kw,
    kw,
    parse_annotation,
    table_name,
)

_COLUMNS = frozenset({"Column", "mapped_column"})

# Keywords of the forward side that the generated backref side would inherit or mirror; the
# fixer does not rebuild those (primaryjoin/secondaryjoin are swapped, remote_side inverted).
INHERITED = ("primaryjoin", "secondaryjoin", "foreign_keys", "viewonly", "remote_side", "sync_backref", "passive_deletes")


def backref_parts(call: ast.Call) -> tuple[str, list[ast.keyword]] | str:
    """(reverse attribute name, `backref(...)` keywords) or the reason the shape is refused."""
    ref = kw(call, "backref")
    value = ref.value if ref is not None else None
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value, []
    if (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
        and all(k.arg is not None for k in value.keywords)
    ):
        return value.args[0].value, list(value.keywords)
    return "the backref is not a name or `backref(\"name\", ...)`"


def _placeable(body: list[ast.stmt]) -> list[ast.ClassDef]:
    """Classes defined at module level, looking into `if`/`try` blocks (not functions or classes)."""
    out: list[ast.ClassDef] = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            out.append(stmt)
        elif isinstance(stmt, ast.If):
            out += _placeable(stmt.body) + _placeable(stmt.orelse)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            parts = [stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody]
            out += [c for part in parts for c in _placeable(part)]
    return out


def placeable_class(tree: ast.Module, name: str) -> tuple[ast.ClassDef | None, str]:
    """The one class `name` of this module an attribute can be added to, or why there is none.

    (None, "") means the module does not define it at all (look in other modules).
    """
    found = [c for c in _placeable(tree.body) if c.name == name]
    if len(found) == 1:
        return found[0], ""
    if found:
        lines = ", ".join(str(c.lineno) for c in found)
        return None, f"class `{name}` is defined {len(found)} times in its module (lines {lines}): pick the one to edit by hand"
    if any(isinstance(n, ast.ClassDef) and n.name == name for n in ast.walk(tree)):
        return None, f"class `{name}` is defined inside a function or another class: no module-level class to declare the reverse side in"
    return None, ""


def owner_refusal(tree: ast.Module, owner: ast.ClassDef) -> str:
    """The forward side's class must exist at import time too: the reverse side names it."""
    if owner not in _placeable(tree.body):
        return f"class `{owner.name}` is defined inside a function or another class: write both sides by hand"
    return ""


def forward_refusal(call: ast.Call, target: str, extra: list[ast.keyword], cross_file: bool) -> str:
    """What the forward side carries that the generated reverse side cannot repeat safely."""
    inherited = [k for k in INHERITED if kw(call, k) is not None]
    if inherited:
        return f"the reverse side would inherit {', '.join(f'`{k}=`' for k in inherited)} (swapped/mirrored): write it by hand"
    secondary = kw(call, "secondary")
    if cross_file:
        if secondary is not None and not (isinstance(secondary.value, ast.Constant) and isinstance(secondary.value.value, str)):
            return (
                f"`secondary={ast.unparse(secondary.value)}` would have to be imported into `{target}`'s module: "
                "write the reverse side by hand (or name the table as a string)"
            )
        for k in extra:
            if not isinstance(k.value, ast.Constant):
                return f"`{k.arg}={ast.unparse(k.value)}` may not mean the same in `{target}`'s module: write the reverse side by hand"
    elif secondary is not None and not isinstance(secondary.value, ast.Name) and not (
        isinstance(secondary.value, ast.Constant) and isinstance(secondary.value.value, str)
    ):
        return "`secondary=` is an expression the reverse side cannot repeat safely"
    return ""


def target_refusal(tree: ast.Module, call: ast.Call, target_cls: ast.ClassDef, name: str, same_file: bool) -> str:
    """What the target class itself rules out: a clash, or a local `secondary` table defined after it."""
    clash = any(
        (isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in s.targets))
        or (isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == name)
        or (isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == name)
        for s in target_cls.body
    )
    if clash:
        return f"`{target_cls.name}` already has an attribute `{name}`: resolve the clash by hand"
    secondary = kw(call, "secondary")
    if same_file and secondary is not None and isinstance(secondary.value, ast.Name):
        table = secondary.value.id
        defined = [
            s.lineno
            for s in tree.body
            if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == table for t in s.targets)
        ]
        if not defined or min(defined) > target_cls.lineno:
            return f"`{table}` is not defined before class `{target_cls.name}`"
    return ""


def mapped_optional(ann: ast.expr) -> tuple[bool, bool] | None:
    """(is `Mapped[...]`, optional) for an existing annotation, None if it is not Mapped."""
    ann = parse_annotation(ann)
    if not isinstance(ann, ast.Subscript):
        return None
    head = ann.value
    name = head.attr if isinstance(head, ast.Attribute) else head.id if isinstance(head, ast.Name) else ""
    if name != "Mapped":
        return None
    inner = parse_annotation(ann.slice)
    if isinstance(inner, ast.Subscript):
        h = inner.value
        hn = h.attr if isinstance(h, ast.Attribute) else h.id if isinstance(h, ast.Name) else ""
        return True, hn == "Optional"
    if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
        return True, any(isinstance(s, ast.Constant) and s.value is None for s in (inner.left, inner.right))
    return True, False


def _annotated_nullable(call: ast.Call, annotation: ast.expr | None, nullable: bool | None) -> bool | None:
    """`x: Mapped[int] = mapped_column(ForeignKey(...))` is NOT NULL: a typed column's annotation decides."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name != "mapped_column" or annotation is None or kw(call, "nullable") is not None:
        return nullable
    if const_kw(call, "primary_key") is True:
        return False
    found = mapped_optional(annotation)
    return found[1] if found is not None else nullable


def _fks_to(cls: ast.ClassDef, table: str | None, ctx: FileContext) -> list[bool | None]:
    """The nullability of each foreign-key column of `cls` pointing at `table`."""
    out: list[bool | None] = []
    if table is None:
        return out
    for a in class_attrs(cls):
        if isinstance(a.value, ast.Call) and call_named(a.value, ctx, _COLUMNS):
            shape = column_shape(a.value)
            if shape.foreign_key and shape.foreign_key.rpartition(".")[0] == table:
                out.append(_annotated_nullable(a.value, a.annotation, shape.nullable))
    return out


def reverse_shape(
    call: ast.Call,
    extra: list[ast.keyword],
    owner: ast.ClassDef,
    owner_ctx: FileContext,
    target_cls: ast.ClassDef,
    target_ctx: FileContext,
    attr: str,
    name: str,
) -> tuple[str | None, str]:
    """The reverse side's `Mapped[...]` content (`List["User"]`...) from the foreign keys, or why unclear."""
    uselist = next((k for k in extra if k.arg == "uselist"), None)
    if kw(call, "secondary") is not None:
        return f'List["{owner.name}"]', ""
    if uselist is not None and isinstance(uselist.value, ast.Constant) and uselist.value.value is False:
        return f'Optional["{owner.name}"]', ""
    back = _fks_to(target_cls, table_name(owner), target_ctx)  # FK on the target: forward is one-to-many
    forward = _fks_to(owner, table_name(target_cls), owner_ctx)  # FK on the owner: many-to-one
    if len(back) == 1 and not forward and back[0] is not None:
        return (f'Optional["{owner.name}"]' if back[0] else f'"{owner.name}"'), ""
    if len(forward) == 1 and not back:
        return f'List["{owner.name}"]', ""
    return None, (
        f"the direction between `{owner.name}` and `{target_cls.name}` is not clear from their foreign keys: "
        f"add `{name} = relationship(\"{owner.name}\", back_populates=\"{attr}\")` to `{target_cls.name}` by hand"
    )


def verdict(call: ast.Call, ctx: FileContext, target: str | None) -> tuple[str, str]:
    """(reason the fixer will refuse, or "", and the `via` for the gathering pass, or "").

    Checks in the fixer's order what this file shows; a target class in another module is
    left to `core.gather.locate_model` (through `via`), and what only that class's body can
    tell (a clash, the direction, untyped or typed) is checked at fix time.
    """
    from sqla_assist.core.gather import LOCATE
    from sqla_assist.rules._typed_shapes import class_attribute_of

    parts = backref_parts(call)
    if isinstance(parts, str):
        return parts, ""
    name, extra = parts
    found = class_attribute_of(call, ctx)
    if found is None or target is None:
        return "the relationship is not a class attribute with a known target class", ""
    owner, attr = found
    why = owner_refusal(ctx.tree, owner)
    target_cls, why = (None, why) if why else placeable_class(ctx.tree, target)
    if why:
        return why, ""
    if target_cls is None:
        first = call.args[0] if call.args else None
        qual = ctx.qualify(first) if isinstance(first, ast.Name | ast.Attribute) else None
        if isinstance(first, ast.Name | ast.Attribute) and not qual:
            return f"`{ast.unparse(first)}` is not a mapped class of a scanned module", ""
        return forward_refusal(call, target, extra, True), f"{LOCATE}{owner.name}\t{target}\t{qual or ''}"
    why = target_refusal(ctx.tree, call, target_cls, name, True) or forward_refusal(call, target, extra, False)
    if why:
        return why, ""
    _, why = reverse_shape(call, extra, owner, ctx, target_cls, ctx, attr.name, name)
    return why, ""
