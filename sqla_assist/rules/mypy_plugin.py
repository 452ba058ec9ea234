"""SQ318: the SQLAlchemy mypy plugin and third-party stub packages, as seen from Python files.

The scan reads Python only, so this finds the plugin module imported in code and the stub
packages named in `setup.py`-style requirement lists; `mypy.ini`/`pyproject.toml` entries are
outside its reach. The fix deletes such strings from list/tuple/set literals (a requirement
list, a plugin list); imports of the plugin and strings used any other way are manual.
"""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._flow import file_memo

_STUBS = re.compile(r"^\s*(sqlalchemy2?-stubs|types-sqlalchemy)\s*([<>=!~;\[ ].*)?$", re.I)
_PLUGIN = "sqlalchemy.ext.mypy"


def is_stub_or_plugin(value: str) -> bool:
    """A requirement naming a stub package, or the mypy plugin's module path."""
    return bool(_STUBS.match(value)) or value.strip().startswith(_PLUGIN)


def _in_literal(node: ast.Constant, ctx: FileContext) -> bool:
    """Is `node` an element of a list/tuple/set literal (where the fix can delete it)?"""
    memo = file_memo(ctx, "SQ318")
    ids = memo.get("elements")
    if not isinstance(ids, set):
        ids = {id(e) for n in ctx.walk(ctx.tree) if isinstance(n, ast.List | ast.Tuple | ast.Set) for e in n.elts}
        memo["elements"] = ids
    return id(node) in ids


class MypyPluginAndStubs(Rule):
    id = "SQ318"
    fixer = LazyFixer("sqla_assist.rules._fix_models2:fix_drop_stub_strings", statement=True)
    name = "mypy-plugin-stubs"
    title = "drop the SQLAlchemy mypy plugin and the `sqlalchemy-stubs` packages"
    fix_class = "safe"
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Constant, ast.Import, ast.ImportFrom)
    tokens = (b"sqlalchemy.ext.mypy", b"-stubs", b"types-SQLAlchemy", b"types-sqlalchemy")
    what = (
        "Flags `sqlalchemy.ext.mypy` imports and references, and requirement strings naming "
        "`sqlalchemy-stubs`, `sqlalchemy2-stubs` or `types-SQLAlchemy` (e.g. in `setup.py`)."
    )
    why = (
        "2.0 ships inline types; the stub packages shadow them and must be uninstalled for type "
        "checkers to see 2.0's API. The mypy plugin is deprecated in 2.0 and removed in 2.1 "
        "(`ModuleNotFoundError`)."
    )
    example = Example(
        before="setup(install_requires=[\"SQLAlchemy>=1.4\", \"sqlalchemy2-stubs\"])",
        after="setup(install_requires=[\"SQLAlchemy>=2.0\"])",
    )
    use_instead = (
        "Remove the stub packages from requirements and `plugins = sqlalchemy.ext.mypy.plugin` from the "
        "mypy configuration (check `mypy.ini`, `setup.cfg` and `pyproject.toml` by hand)."
    )
    fix_safety = (
        "Safe: deleting a requirement string or plugin entry from a list literal. Imports of the plugin "
        "and `mypy.ini`/`setup.cfg`/`pyproject.toml` entries (not scanned) are manual."
    )
    references = (
        "SQLAlchemy 2.0 what's new, “the catch - all stubs must be uninstalled”",
        "SQLAlchemy 2.1 changelog, ticket 12293 (mypy plugin removed)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Constant):
            value = node.value
            if not isinstance(value, str) or len(value) > 200:
                return
            fix = FixSafety.SAFE if _in_literal(node, ctx) else FixSafety.MANUAL
            where = "" if fix is FixSafety.SAFE else " (not an element of a list literal: remove it by hand)"
            if _STUBS.match(value):
                ctx.report(self, node, f"`{value.strip()}` shadows SQLAlchemy 2.0's own types: remove it{where}", fix=fix)
            elif value.strip().startswith(_PLUGIN):
                ctx.report(self, node, f"the SQLAlchemy mypy plugin is removed in 2.1: drop it{where}", fix=fix)
            return
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        else:
            assert isinstance(node, ast.ImportFrom)
            mods = [node.module or ""] if not node.level else []
        if any(m == _PLUGIN or m.startswith(_PLUGIN + ".") for m in mods):
            ctx.report(
                self, node, "`sqlalchemy.ext.mypy` no longer exists in 2.1: remove this import and the code using it",
                fix=FixSafety.MANUAL,
            )
