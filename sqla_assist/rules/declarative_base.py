"""SQ302, SQ303, SQ316, SQ317: how the declarative base itself is made."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._models import orm_name
from sqla_assist.rules._typed_shapes import declarative_bind_refusal

_SAFE_BASE_ARGS = frozenset({"metadata", "type_annotation_map"})
_BASE_FACTORIES = ("declarative_base",)


def _is_base_factory(call: ast.Call, ctx: FileContext) -> bool:
    """`declarative_base(...)` or `registry(...).generate_base(...)` / `<registry>.generate_base(...)`."""
    if orm_name(call.func, ctx, *_BASE_FACTORIES):
        return True
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "generate_base":
        recv = func.value
        if isinstance(recv, ast.Call):
            return orm_name(recv.func, ctx, "registry")
        return True
    return False


_HIDDEN_WHY = (
    "in the class body `metadata = metadata` would look the name up in the globals, not in the "
    "enclosing function or class, and raise NameError; bind the value to another name first, or "
    "write the class by hand"
)


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements run in the module's own namespace (also inside module-level `if`/`try`)."""
    out: list[ast.stmt] = []
    pending = list(tree.body)
    while pending:
        stmt = pending.pop()
        out.append(stmt)
        if isinstance(stmt, ast.If | ast.Try | ast.With):
            for part in ("body", "orelse", "finalbody", "handlers"):
                pending += getattr(stmt, part, [])
        elif isinstance(stmt, ast.ExceptHandler):
            pending += stmt.body
    return out


def _hidden_from_class_body(node: ast.Assign, call: ast.Call, ctx: FileContext) -> str | None:
    """The keyword whose value a generated class body could not see, or None.

    The fixer turns `metadata=<expr>` into the class attribute `metadata = <expr>`. A class body
    resolves a name it also assigns through the globals only (DigiScript built its base inside a
    method as `declarative_base(metadata=metadata)`: the rewrite raised NameError on import), and
    a nested class body never sees the enclosing class's names at all.
    """
    if any(stmt is node for stmt in _module_level(ctx.tree)):
        return None
    assigned = {k.arg for k in call.keywords if k.arg}
    in_class = any(
        isinstance(cls, ast.ClassDef) and any(stmt is node for stmt in cls.body) for cls in ast.walk(ctx.tree)
    )
    for kw in call.keywords:
        names = {n.id for n in ast.walk(kw.value) if isinstance(n, ast.Name)}
        if (in_class and names) or names & assigned:
            return kw.arg or "**"
    return None


class DeclarativeBaseFunction(Rule):
    id = "SQ302"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_declarative_base")
    name = "declarative-base-class"
    title = "define the base as `class Base(DeclarativeBase)` instead of `Base = declarative_base()`"
    fix_class = "safe/manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Assign, ast.ClassDef, ast.AnnAssign)
    tokens = (b"declarative_base", b"generate_base", b"as_declarative")
    what = (
        "Flags a base class created by calling `declarative_base()` or `registry().generate_base()`, "
        "and classes decorated with `@as_declarative()`."
    )
    why = (
        "A base made by a function call is invisible to type checkers, so nothing mapped on it can "
        "be typed. 2.0's `DeclarativeBase` is an ordinary class; the function still works on 2.1 "
        "without a warning, so this is a typing step rather than a removal."
    )
    example = Example(
        before="Base = declarative_base(metadata=MetaData(naming_convention=NAMING))",
        after="class Base(DeclarativeBase):\n    metadata = MetaData(naming_convention=NAMING)",
    )
    use_instead = (
        "Subclass `DeclarativeBase`; `metadata=` and `type_annotation_map=` become class attributes, "
        "`cls=Mixin` becomes another base (`class Base(Mixin, DeclarativeBase)`). Attributes later "
        "assigned onto the base (`Base.query = ...`) move into the class body."
    )
    fix_safety = (
        "Safe with no arguments or only `metadata=`/`type_annotation_map=`. `cls=`, `name=`, "
        "`constructor=`, `mapper=`, `class_registry=` and `metaclass=` need a hand-written class "
        "(`metaclass=` has no direct equivalent; see SQ316). Needs SQLAlchemy 2.0."
    )
    references = (
        "SQLAlchemy 2.0 what's new, “Step one - declarative_base() is superseded by DeclarativeBase”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ClassDef):
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                if orm_name(target, ctx, "as_declarative"):
                    ctx.report(
                        self,
                        deco,
                        f"`@as_declarative` base `{node.name}`: subclass `DeclarativeBase` instead",
                        fix=FixSafety.MANUAL,
                    )
            return
        if isinstance(node, ast.AnnAssign):
            # `Base: Any = declarative_base()` (freqtrade): the annotation hid the base from
            # type checkers on purpose; the class form makes it unnecessary, a hand edit.
            if isinstance(node.target, ast.Name) and isinstance(node.value, ast.Call) and _is_base_factory(node.value, ctx):
                ctx.report(
                    self,
                    node,
                    f"`{node.target.id}: ... = declarative_base()`: write `class {node.target.id}(DeclarativeBase)` "
                    "and drop the annotation",
                    fix=FixSafety.MANUAL,
                )
            return
        assert isinstance(node, ast.Assign)
        value = node.value
        if not isinstance(value, ast.Call) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            return
        if not _is_base_factory(value, ctx):
            return
        extra = sorted({k.arg or "**" for k in value.keywords} - _SAFE_BASE_ARGS)
        base = node.targets[0].id
        if value.args or extra:
            args = ", ".join(f"`{a}=`" for a in extra) or "positional arguments"
            ctx.report(
                self,
                node,
                f"`{base}` is made by a function call with {args}: write `class {base}(DeclarativeBase)` by hand",
                fix=FixSafety.MANUAL,
            )
            return
        hidden = _hidden_from_class_body(node, value, ctx)
        if hidden:
            ctx.report(self, node, f"`{base} = declarative_base({hidden}=...)` is not at module level: {_HIDDEN_WHY}", fix=FixSafety.MANUAL)
            return
        if not orm_name(value.func, ctx, *_BASE_FACTORIES):
            # `registry(...).generate_base()`: the registry's own options need a hand-written class.
            ctx.report(self, node, f"`{base}` comes from `generate_base()`: write `class {base}(DeclarativeBase)` with `registry = ...`", fix=FixSafety.MANUAL)
            return
        ctx.report(self, node, f"`{base} = declarative_base()`: use `class {base}(DeclarativeBase)`", fix=FixSafety.SAFE)


class DeclarativeBaseBind(Rule):
    id = "SQ303"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_declarative_bind")
    name = "declarative-base-bind"
    title = "`declarative_base(bind=...)` / `as_declarative(bind=...)` no longer accept an engine"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"bind",)
    what = "Flags `bind=` given to `declarative_base()` or `as_declarative()`."
    why = (
        "Bound metadata is gone in 2.0: both functions raise `TypeError` on the `bind` keyword. "
        "Code that relied on the base's metadata knowing its engine (`Base.metadata.create_all()` "
        "with no argument, connectionless execution) stops working with it."
    )
    example = Example(
        before="Base = declarative_base(bind=engine)\nSession = sessionmaker()",
        after="Base = declarative_base()\nSession = sessionmaker(bind=engine)",
    )
    use_instead = (
        "Drop `bind=` and hand the engine to what needs it: `sessionmaker(bind=engine)`, "
        "`Base.metadata.create_all(engine)`, `engine.connect()`."
    )
    fix_safety = (
        "Typed: safe when the file creates exactly this one engine and every use of the binding in it "
        "can name the engine instead — the fix hands it to bind-less `sessionmaker()`/`Session()` and "
        "bare `Base.metadata.create_all()` calls. Reads of `.bind`, implicit execution and autoloading "
        "through the binding make it manual; other modules importing the base are SQ209/SQ411's."
    )
    references = ("SQLAlchemy 1.4 deprecation: “The bind argument to declarative_base is deprecated”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        bind = next((k for k in node.keywords if k.arg == "bind"), None)
        if bind is None or not orm_name(node.func, ctx, "declarative_base", "as_declarative"):
            return
        refusal = declarative_bind_refusal(node, ctx)
        why = f" ({refusal})" if refusal else ""
        ctx.report(
            self,
            node,
            f"`bind=` is a TypeError on 2.0: pass `{ast.unparse(bind.value)}` to the session factory / `create_all()` instead{why}",
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
        )


class DeclarativeMetaclass(Rule):
    id = "SQ316"
    name = "declarative-metaclass"
    title = "replace `DeclarativeMeta` subclasses and `metaclass=` with `__init_subclass__`"
    fix_class = "manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.ClassDef, ast.Call)
    tokens = (b"DeclarativeMeta", b"metaclass")
    what = (
        "Flags classes deriving from `DeclarativeMeta` (or using it as `metaclass=`) and "
        "`declarative_base(metaclass=...)` / `generate_base(metaclass=...)`."
    )
    why = (
        "Metaclass hooks are how 1.x customised declarative classes. They still work, but "
        "`DeclarativeBase` is the typed path, and the supported hook there is `__init_subclass__` "
        "(with `DeclarativeBaseNoMeta` when no metaclass may be involved)."
    )
    example = Example(
        before="class Meta(DeclarativeMeta):\n    def __init__(cls, name, bases, d):\n        super().__init__(name, bases, d)\n\nBase = declarative_base(metaclass=Meta)",
        after="class Base(DeclarativeBase):\n    def __init_subclass__(cls, **kw):\n        super().__init_subclass__(**kw)",
    )
    use_instead = "Move the metaclass logic into `__init_subclass__` on a `DeclarativeBase` subclass."
    fix_safety = "Manual: metaclass code runs at a different moment than `__init_subclass__`."
    references = ("SQLAlchemy ORM mapping API: `DeclarativeBaseNoMeta`",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ClassDef):
            parts = [*node.bases, *(k.value for k in node.keywords if k.arg == "metaclass")]
            if any(orm_name(p, ctx, "DeclarativeMeta") for p in parts):
                ctx.report(self, node, f"`{node.name}` customises `DeclarativeMeta`: use `__init_subclass__`")
            return
        assert isinstance(node, ast.Call)
        meta = next((k for k in node.keywords if k.arg == "metaclass"), None)
        if meta is None or (not _is_base_factory(node, ctx) and not orm_name(node.func, ctx, "as_declarative")):
            return
        ctx.report(self, node, "declarative base with a custom `metaclass=`: move its hooks into `__init_subclass__`")


class DeclarativeMixinDecorator(Rule):
    id = "SQ317"
    fixer = LazyFixer("sqla_assist.rules._fix_models:fix_declarative_mixin")
    name = "declarative-mixin-decorator"
    title = "remove `@declarative_mixin`"
    fix_class = "safe"
    on_20 = "OK"
    on_21 = "DEPRECATED"
    nodes = (ast.ClassDef,)
    tokens = (b"declarative_mixin",)
    what = "Flags classes decorated with `@declarative_mixin`."
    why = (
        "The decorator only told the mypy plugin that a class was a mixin. The plugin is gone in "
        "2.1 and the decorator is deprecated there; it never changed the mapping."
    )
    example = Example(
        before="@declarative_mixin\nclass Timestamps:\n    created = Column(DateTime)",
        after="class Timestamps:\n    created = Column(DateTime)",
    )
    use_instead = "Delete the decorator (and its import); mixins need no marker."
    fix_safety = "Safe: the decorator returns the class unchanged."
    references = ("SQLAlchemy 2.1 changelog, ticket 12346",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if orm_name(target, ctx, "declarative_mixin"):
                message = f"`@declarative_mixin` on `{node.name}` does nothing: remove it"
                fix = FixSafety.SAFE
                if _comment_after(deco, ctx):
                    # Removing the line would drop the comment (the fixer makes that unsafe).
                    fix = FixSafety.UNSAFE
                    message += "; unsafe to fix automatically: removing it would drop the comment on its line"
                ctx.report(self, deco, message, fix=fix)


def _comment_after(node: ast.expr, ctx: FileContext) -> bool:
    """Does the line where `node` ends carry a comment after it?"""
    lines = ctx.data.splitlines()
    end = node.end_lineno or node.lineno
    rest = lines[end - 1][node.end_col_offset or 0 :] if 0 < end <= len(lines) else b""
    return b"#" in rest
