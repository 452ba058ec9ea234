"""Per-file name resolution: which local names are which SQLAlchemy objects.

Rules ask "is this expression `sqlalchemy.select`?" and must get the same answer for
`select(...)`, `sa.select(...)`, `sqlalchemy.sql.expression.select(...)`, `S(...)` after
`from sqlalchemy import select as S`, and a bare `select` after `from sqlalchemy import *`.
SQLAlchemy re-exports most names from several modules, so qualified names are folded onto
one canonical spelling before rules compare them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from sqla_assist.core.sa_names import SQLALCHEMY_NAMES

# Modules whose public names are re-exported by the canonical module on the right.
_REEXPORTS: dict[str, str] = {
    "sqlalchemy.sql": "sqlalchemy",
    "sqlalchemy.sql.expression": "sqlalchemy",
    "sqlalchemy.sql.selectable": "sqlalchemy",
    "sqlalchemy.sql.elements": "sqlalchemy",
    "sqlalchemy.sql.functions": "sqlalchemy",
    "sqlalchemy.sql.dml": "sqlalchemy",
    "sqlalchemy.sql.schema": "sqlalchemy",
    "sqlalchemy.sql.sqltypes": "sqlalchemy",
    "sqlalchemy.sql.operators": "sqlalchemy",
    "sqlalchemy.schema": "sqlalchemy",
    "sqlalchemy.types": "sqlalchemy",
    "sqlalchemy.future": "sqlalchemy",
    "sqlalchemy.future.engine": "sqlalchemy",
    "sqlalchemy.engine": "sqlalchemy",
    "sqlalchemy.engine.create": "sqlalchemy",
    "sqlalchemy.orm.session": "sqlalchemy.orm",
    "sqlalchemy.orm.query": "sqlalchemy.orm",
    "sqlalchemy.orm.scoping": "sqlalchemy.orm",
    "sqlalchemy.orm.relationships": "sqlalchemy.orm",
    "sqlalchemy.orm.strategy_options": "sqlalchemy.orm",
    "sqlalchemy.orm.decl_api": "sqlalchemy.orm",
    "sqlalchemy.orm.mapper": "sqlalchemy.orm",
    "sqlalchemy.orm.util": "sqlalchemy.orm",
    "sqlalchemy.future.orm": "sqlalchemy.orm",
    "sqlalchemy.engine.base": "sqlalchemy.engine",
    "sqlalchemy.engine.result": "sqlalchemy.engine",
    "sqlalchemy.engine.row": "sqlalchemy.engine",
    "sqlalchemy.ext.asyncio.session": "sqlalchemy.ext.asyncio",
    "sqlalchemy.ext.asyncio.engine": "sqlalchemy.ext.asyncio",
}

# Names that live in `sqlalchemy.engine` and are not re-exported at the top level.
_ENGINE_NAMES = frozenset({"Connection", "Engine", "Row", "Result", "CursorResult", "RowMapping"})


# Public names of `sqlalchemy.orm` (1.x and 2.x, including removed ones) that star imports bring.

ORM_NAMES = frozenset(
    ["Session", "sessionmaker", "scoped_session", "relationship", "relation", "backref", "dynamic_loader", "joinedload", "eagerload", "subqueryload", "selectinload", "lazyload", "noload", "raiseload", "defaultload", "immediateload", "contains_eager", "defer", "undefer", "undefer_group", "load_only", "with_expression", "declarative_base", "declared_attr", "as_declarative", "DeclarativeBase", "DeclarativeBaseNoMeta", "DeclarativeMeta", "Mapped", "mapped_column", "mapper", "Mapper", "registry", "Query", "aliased", "with_polymorphic", "with_parent", "column_property", "composite", "synonym", "deferred", "validates", "object_session", "make_transient", "make_transient_to_detached", "close_all_sessions", "create_session", "query_expression", "WriteOnlyMapped", "DynamicMapped", "MappedAsDataclass", "Load", "reconstructor", "foreign", "remote", "exc", "configure_mappers", "clear_mappers"]
)


def join_name(base: str, name: str) -> str:
    """`app` + `db` → `app.db`; a bare relative base `..` + `db` → `..db`."""
    return f"{base}{name}" if base.endswith(".") else f"{base}.{name}"


def absolutize(qual: str, module: str, is_package: bool) -> str:
    """Make a kept-relative name (`.db.Session`) absolute for the file `module`."""
    level = len(qual) - len(qual.lstrip("."))
    if level == 0:
        return qual
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    parts = parts[: max(0, len(parts) - (level - 1))]
    rest = qual[level:]
    return ".".join([*parts, rest] if rest else parts)


def canonical(qualname: str) -> str:
    """Fold a qualified name onto the spelling rules compare against."""
    module, _, name = qualname.rpartition(".")
    if not module:
        return qualname
    target = _REEXPORTS.get(module)
    if target is None:
        return qualname
    if target == "sqlalchemy" and module.startswith(("sqlalchemy.engine", "sqlalchemy.future")) and name in _ENGINE_NAMES:
        return f"sqlalchemy.engine.{name}"
    return f"{target}.{name}"


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _import_statements(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Import statements at any depth, visiting statements only (expressions hold none)."""
    out: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
            continue
        for name in _BLOCKS:
            block = getattr(node, name, None)
            if block:
                stack.extend(block)
    out.sort(key=lambda n: (n.lineno, n.col_offset))
    return out


@dataclass
class ImportMap:
    """Local name → qualified name, for one module (all scopes; imports are rarely shadowed)."""

    names: dict[str, str] = field(default_factory=dict)
    star_modules: list[str] = field(default_factory=list)
    module: str = ""
    is_package: bool = False

    @classmethod
    def of(cls, tree: ast.Module, module: str = "", is_package: bool = False) -> ImportMap:
        imap = cls(module=module, is_package=is_package)
        for node in _import_statements(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        imap.names[alias.asname] = alias.name
                    else:
                        top = alias.name.partition(".")[0]
                        imap.names[top] = top
            elif isinstance(node, ast.ImportFrom):
                base = imap.resolve_relative(node.module, node.level)
                if base is None:
                    continue
                for alias in node.names:
                    if alias.name == "*":
                        imap.star_modules.append(base)
                    else:
                        imap.names[alias.asname or alias.name] = join_name(base, alias.name)
        imap._module_aliases(tree)
        return imap

    def _module_aliases(self, tree: ast.Module) -> None:
        """`_select = sqlalchemy.sql.select` at module level (CKAN's actions): the name stands
        for the SQLAlchemy one, like an `import ... as`. Only a name bound once, by such a
        plain assignment, and not imported too."""
        bound: dict[str, int] = {}
        aliases: dict[str, str] = {}
        for stmt in tree.body:
            if not isinstance(stmt, ast.Assign):
                continue
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = bound.get(target.id, 0) + 1
            target = stmt.targets[0]
            if len(stmt.targets) == 1 and isinstance(target, ast.Name) and isinstance(stmt.value, ast.Name | ast.Attribute):
                qual = self.qualify(stmt.value)
                if qual is not None and qual.startswith("sqlalchemy.") and target.id not in self.names:
                    aliases[target.id] = qual
        for name, qual in aliases.items():
            if bound[name] == 1:
                self.names[name] = qual

    def resolve_relative(self, module: str | None, level: int) -> str | None:
        """Absolute name of a relative import; without a module name, keep it relative.

        Analysis is cached by content, so a file's own module name is not known there:
        relative names stay as `..pkg.mod` and are made absolute by the gathering pass.
        """
        if level == 0:
            return module
        if not self.module:
            return "." * level + (module or "")
        parts = self.module.split(".")
        if not self.is_package:
            parts = parts[:-1]
        if level - 1 > len(parts):
            return None
        base = parts[: len(parts) - (level - 1)]
        if module:
            base.append(module)
        return ".".join(base) or None

    def qualify(self, expr: ast.expr) -> str | None:
        """Qualified (canonical) name of a Name/Attribute chain, or None if not imported."""
        attrs: list[str] = []
        node = expr
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = self.names.get(node.id)
        if head is None:
            head = self._from_star(node.id)
            if head is None:
                return None
        return canonical(".".join([head, *reversed(attrs)]))

    def _from_star(self, name: str) -> str | None:
        """A bare name after `from sqlalchemy[.orm] import *`: pick the module that exports it."""
        sa_stars = [m for m in self.star_modules if m == "sqlalchemy" or m.startswith("sqlalchemy.")]
        orm = [m for m in sa_stars if m.startswith("sqlalchemy.orm")]
        core = [m for m in sa_stars if not m.startswith("sqlalchemy.orm")]
        if name in ORM_NAMES and orm:
            return f"{orm[-1]}.{name}"
        # `from sqlalchemy import *` binds only what the package exports; a submodule's star
        # (`sqlalchemy.types`, a dialect, `sqlalchemy.ext.asyncio`) is taken at its word.
        if "sqlalchemy" in core and name in SQLALCHEMY_NAMES:
            return f"sqlalchemy.{name}"
        others = [m for m in core if m != "sqlalchemy"]
        if others:
            return f"{others[-1]}.{name}"
        return None

    def imports_sqlalchemy(self) -> bool:
        return any(
            q == "sqlalchemy" or q.startswith(("sqlalchemy.", "flask_sqlalchemy"))
            for q in self.names.values()
        ) or any(m.startswith("sqlalchemy") for m in self.star_modules)
