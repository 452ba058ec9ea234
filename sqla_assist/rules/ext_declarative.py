"""SQ301: names imported from `sqlalchemy.ext.declarative` that moved to `sqlalchemy.orm`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule

MOVED = frozenset(
    {"declarative_base", "declared_attr", "as_declarative", "has_inherited_table", "synonym_for", "DeclarativeMeta"}
)
_MODULE = "sqlalchemy.ext.declarative"


class ExtDeclarativeImports(Rule):
    id = "SQ301"
    name = "ext-declarative-import"
    title = "import declarative names from `sqlalchemy.orm`, not `sqlalchemy.ext.declarative`"
    fix_class = "safe"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.ImportFrom, ast.Attribute)
    tokens = (b"ext.declarative", b"ext import declarative")
    # `from sqlalchemy.ext import declarative` then `@declarative.declared_attr` far below:
    # the token is on the import line only (neutron's rbac_db_models).
    local_tokens = False
    what = "Flags imports of `declarative_base`, `declared_attr`, `as_declarative`, `has_inherited_table`, `synonym_for` and `DeclarativeMeta` from `sqlalchemy.ext.declarative`."
    why = (
        "Declarative became part of the ORM in 1.4; the old module keeps aliases "
        "(`declarative_base` emits `MovedIn20Warning`) only for compatibility."
    )
    example = Example(
        before="from sqlalchemy.ext.declarative import declarative_base, declared_attr",
        after="from sqlalchemy.orm import declarative_base, declared_attr",
    )
    use_instead = (
        "Import from `sqlalchemy.orm`. `ConcreteBase`, `AbstractConcreteBase` and "
        "`DeferredReflection` stay in `sqlalchemy.ext.declarative`: the import is split, not moved."
    )
    fix_safety = "Safe: the names are the same objects."
    fixer = LazyFixer("sqla_assist.rules._fix_core:fix_ext_declarative")
    references = ("SQLAlchemy 2.0 migration guide, “Declarative becomes a first class API”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ImportFrom):
            if node.level or node.module != _MODULE:
                return
            moved = [a.name for a in node.names if a.name in MOVED]
            if moved:
                names = ", ".join(f"`{n}`" for n in moved)
                ctx.report(self, node, f"{names} moved to `sqlalchemy.orm`", fix=FixSafety.SAFE)
        elif isinstance(node, ast.Attribute) and node.attr in MOVED:
            if ctx.imports.qualify(node.value) == _MODULE:
                ctx.report(self, node, f"`{node.attr}` moved to `sqlalchemy.orm`", fix=FixSafety.SAFE)
