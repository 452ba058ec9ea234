"""SQ318: the SQLAlchemy mypy plugin and third-party stub packages, as seen from Python files.

The scan reads Python only, so this finds the plugin module imported in code and the stub
packages named in `setup.py`-style requirement lists; `mypy.ini`/`pyproject.toml` entries are
outside its reach.
"""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.rule import Example, Rule

_STUBS = re.compile(r"^\s*(sqlalchemy2?-stubs|types-sqlalchemy)\s*([<>=!~;\[ ].*)?$", re.I)
_PLUGIN = "sqlalchemy.ext.mypy"


class MypyPluginAndStubs(Rule):
    id = "SQ318"
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
    fix_safety = "Safe: deleting a requirement string or plugin entry."
    references = (
        "SQLAlchemy 2.0 what's new, “the catch - all stubs must be uninstalled”",
        "SQLAlchemy 2.1 changelog, ticket 12293 (mypy plugin removed)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Constant):
            value = node.value
            if not isinstance(value, str) or len(value) > 200:
                return
            if _STUBS.match(value):
                ctx.report(self, node, f"`{value.strip()}` shadows SQLAlchemy 2.0's own types: remove it", fix=FixSafety.SAFE)
            elif value.strip().startswith(_PLUGIN):
                ctx.report(self, node, "the SQLAlchemy mypy plugin is removed in 2.1: drop it", fix=FixSafety.SAFE)
            return
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        else:
            assert isinstance(node, ast.ImportFrom)
            mods = [node.module or ""] if not node.level else []
        if any(m == _PLUGIN or m.startswith(_PLUGIN + ".") for m in mods):
            ctx.report(self, node, "`sqlalchemy.ext.mypy` no longer exists in 2.1", fix=FixSafety.SAFE)
