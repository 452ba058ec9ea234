"""Detector-side checks shared by the SQ303/SQ304/SQ314 detectors and their fixers.

Each returns the reason a rewrite cannot be proven to keep behaviour (shown as manual
guidance), or None when it can; the fixer repeats the same check on the text it rewrites,
so the two never disagree. Stdlib `ast` only: detection never imports libcst.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.rules._flow import sa_qual
from sqla_assist.rules._models import Attr, class_attrs, mapped_wrapper, orm_name

# -- SQ304 classical mapper() ----------------------------------------------------------------

_REL_FUNCS = ("relationship", "relation", "dynamic_loader", "backref")
# relationship()/backref() arguments that SQLAlchemy evaluates as names in the mapping's
# registry (or its metadata) when they are strings.
_EVALUATED = ("argument", "secondary", "primaryjoin", "secondaryjoin", "order_by", "foreign_keys", "remote_side")


def classical_refusal(call: ast.Call, ctx: FileContext) -> str | None:
    """Why `mapper(...)` → `<file registry>.map_imperatively(...)` may not keep the mapping.

    1.4's classical `mapper()` put classes in no class registry, so a string its relationships
    evaluate (`relationship("Address")`, `order_by="User.name"`) never resolved: configuring
    the mappers raised (verified on 1.4.54). A `registry` does resolve them, so such a mapping
    would start to work differently than it failed; it is left to a person. Without strings no
    name lookup happens, and which registry maps the class (one per file here) is invisible.
    """
    if len(call.args) > 2 or any(isinstance(a, ast.Starred) for a in call.args):
        return "more than two positional arguments: name them (`properties=` ...) first"
    if any(k.arg is None for k in call.keywords):
        return "`**kwargs` are passed: their keys cannot be checked"
    if any(k.arg == "non_primary" for k in call.keywords):
        return "`non_primary=` mappers are deprecated in 2.0: use `aliased()` instead"
    for node in ast.walk(call):
        if not (isinstance(node, ast.Call) and node is not call and orm_name(node.func, ctx, *_REL_FUNCS)):
            continue
        values = [(k.arg, k.value) for k in node.keywords if k.arg in _EVALUATED]
        if node.args and not orm_name(node.func, ctx, "backref"):
            values.append(("argument", node.args[0]))
        for name, value in values:
            for sub in ast.walk(value):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    return (
                        f"`{name}={sub.value!r}` is a string: 1.4's classical mappings could not resolve strings "
                        "(configuring raised), a registry does; pass the class / column object, or map it by hand "
                        "with one `registry()` shared by every mapping that names it"
                    )
    return None


# -- SQ303 declarative_base(bind=engine) ----------------------------------------------------

_SCHEMA_OPS = ("create_all", "drop_all", "reflect")


def _base_name(call: ast.Call, ctx: FileContext) -> str | None:
    """`Base` for `Base = declarative_base(...)` and for `@as_declarative(...) class Base`."""
    for node in ctx.walk(ctx.tree):
        if isinstance(node, ast.Assign) and node.value is call:
            if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                return node.targets[0].id
            return None
        if isinstance(node, ast.ClassDef) and any(d is call for d in node.decorator_list):
            return node.name
    return None


def _engines(ctx: FileContext) -> set[str]:
    return {
        t.id
        for n in ctx.walk(ctx.tree)
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and sa_qual(n.value.func, ctx) in ("sqlalchemy.create_engine", "sqlalchemy.engine_from_config")
        for t in n.targets
        if isinstance(t, ast.Name)
    }


def _is_metadata_of(expr: ast.expr, base: str, meta: str | None) -> bool:
    if isinstance(expr, ast.Attribute) and expr.attr == "metadata" and isinstance(expr.value, ast.Name):
        return expr.value.id == base
    return meta is not None and isinstance(expr, ast.Name) and expr.id == meta


def declarative_bind_plan(call: ast.Call, ctx: FileContext) -> tuple[str | None, list[ast.Call]]:
    """(why `bind=` cannot be dropped, or None; the calls the engine must be handed to).

    `declarative_base(bind=engine)` / `@as_declarative(bind=engine)`: exact when the file creates
    exactly this one engine and every use of the binding in the file can be given the engine
    by name instead — a bind-less `Session(...)`/`sessionmaker(...)` gets `bind=engine`, a
    bare `Base.metadata.create_all()` gets `engine` (only where the engine already exists).
    Reads of `.bind`, implicit execution and autoloading through the binding stay manual.
    Other modules that import the base are checked by SQ209/SQ411 in their own files.
    """
    bind = next((k.value for k in call.keywords if k.arg == "bind"), None)
    if not isinstance(bind, ast.Name):
        return "the engine is not a plain name: pass it to the session factory and `create_all()` by hand", []
    base = _base_name(call, ctx)
    if base is None:
        return "the base is not assigned to a plain name, so its uses cannot be checked", []
    engine_lines = [
        n.lineno
        for n in ctx.walk(ctx.tree)
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == bind.id for t in n.targets)
    ]
    if _engines(ctx) != {bind.id} or len(engine_lines) != 1:
        return "the file does not create exactly this one engine, so which engine each use needs is not provable", []
    meta_kw = next((k.value for k in call.keywords if k.arg == "metadata"), None)
    meta = meta_kw.id if isinstance(meta_kw, ast.Name) else None
    if meta_kw is not None and meta is None:
        return "`metadata=` is an expression: check its uses for the binding by hand", []
    deferred = _function_spans(ctx)

    def reachable(node: ast.AST) -> bool:
        line = getattr(node, "lineno", 0)
        return line > engine_lines[0] or any(lo <= line <= hi for lo, hi in deferred)

    carry: list[ast.Call] = []
    for node in ctx.walk(ctx.tree):
        if isinstance(node, ast.Attribute) and node.attr == "bind" and _is_metadata_of(node.value, base, meta):
            return f"`{ast.unparse(node)}` reads the binding: use `{bind.id}` there first", []
        if isinstance(node, ast.Dict) and _autoloads(node):
            # `__table_args__ = {"autoload": True}` reflects through the bound metadata.
            return f"a table autoloads through the binding: add `autoload_with={bind.id}` first", []
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        qual = sa_qual(func, ctx)
        if isinstance(func, ast.Attribute) and _is_metadata_of(func.value, base, meta):
            if func.attr in ("execute", "scalar"):
                return f"`{ast.unparse(func)}()` executes through the binding: use a Connection first", []
            if func.attr in _SCHEMA_OPS and not node.args and not any(k.arg == "bind" for k in node.keywords):
                if not reachable(node):
                    return f"`{ast.unparse(func)}()` relies on the binding before `{bind.id}` exists: pass it by hand", []
                carry.append(node)
        elif qual in ("sqlalchemy.orm.Session", "sqlalchemy.orm.sessionmaker"):
            if node.args or any(k.arg in ("bind", "binds") or k.arg is None for k in node.keywords):
                continue
            if not reachable(node):
                return (
                    f"`{ast.unparse(func)}(...)` has no bind and comes before `{bind.id}` exists: "
                    f"give it the engine by hand (SQ209)"
                ), []
            carry.append(node)
        elif qual in ("sqlalchemy.Table", "sqlalchemy.schema.Table"):
            meta_arg = node.args[1] if len(node.args) >= 2 else None
            keys = {k.arg for k in node.keywords}
            if meta_arg is not None and _is_metadata_of(meta_arg, base, meta) and "autoload" in keys and "autoload_with" not in keys:
                return f"a Table autoloads through the binding: pass `autoload_with={bind.id}` first (SQ412)", []
    return None, sorted(carry, key=lambda c: (c.lineno, c.col_offset))


def declarative_bind_refusal(call: ast.Call, ctx: FileContext) -> str | None:
    return declarative_bind_plan(call, ctx)[0]


def _autoloads(node: ast.Dict) -> bool:
    keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return "autoload" in keys and "autoload_with" not in keys


def _function_spans(ctx: FileContext) -> list[tuple[int, int]]:
    """Line spans of functions: code there runs later, after module-level names exist."""
    return [
        (n.lineno, n.end_lineno or n.lineno)
        for n in ctx.walk(ctx.tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
    ]


# -- SQ314 lazy="dynamic" -------------------------------------------------------------------


def class_attribute_of(call: ast.Call, ctx: FileContext) -> tuple[ast.ClassDef, Attr] | None:
    """The class and attribute whose value `call` is (`posts = relationship(...)` in a class body)."""
    for node in ctx.walk(ctx.tree):
        if isinstance(node, ast.ClassDef):
            for attr in class_attrs(node):
                if attr.value is call:
                    return node, attr
    return None


def dynamic_annotated(attr: Attr) -> bool:
    """The attribute is already annotated `DynamicMapped[...]`: the typed interim step is done."""
    return attr.annotation is not None and mapped_wrapper(attr.annotation) == "DynamicMapped"
