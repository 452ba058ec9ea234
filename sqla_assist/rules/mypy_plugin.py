"""SQ318: the SQLAlchemy mypy plugin and third-party stub packages.

Where they are usually named — configuration files — this reads `plugins =` of mypy's section
in `mypy.ini`/`.mypy.ini`/`setup.cfg`/`pyproject.toml` and the stub packages in requirements
files, `setup.cfg` requirement keys and `pyproject.toml` dependency lists; the fix deletes the
entry (the `plugins` key too when nothing else is left in it, the whole line of a requirement).
In Python it finds the plugin module imported in code and the stub packages in `setup.py`-style
lists; the fix deletes such strings from list/tuple/set literals, while imports of the plugin
and strings used any other way are manual.
"""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import COMMENT_DROPPED, FileContext
from sqla_assist.core.config_files import (
    MYPY_INI,
    PYPROJECT,
    REQUIREMENTS,
    SETUP_CFG,
    ConfigFinding,
    LineEdit,
    config_kind,
)
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._config_text import (
    Item,
    Region,
    ini_items,
    ini_keys,
    remove_items,
    requirement_groups,
    toml_keys,
)
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


def _commented(ctx: FileContext) -> set[int]:
    """Stub/plugin entries whose statement also holds such an entry with a comment after it.

    The fixer deletes every such entry of a statement at once, each with its comma and the
    comment that follows it, so one commented entry makes the whole statement's fix unsafe.
    """
    memo = file_memo(ctx, "SQ318")
    found = memo.get("commented")
    if isinstance(found, set):
        return found
    ids: set[int] = set()
    for stmt in ctx.walk(ctx.tree):
        if not isinstance(stmt, ast.stmt) or hasattr(stmt, "body"):
            continue  # only simple statements: the fixer's unit
        entries = [
            n
            for n in ctx.walk(stmt)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and is_stub_or_plugin(n.value)
            and _in_literal(n, ctx)
        ]
        if any(ctx.trailing_comment(n) for n in entries):
            ids.update(id(n) for n in entries)
    memo["commented"] = ids
    return ids


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
    config_kinds = frozenset({MYPY_INI, SETUP_CFG, PYPROJECT, REQUIREMENTS})
    what = (
        "Flags `plugins = sqlalchemy.ext.mypy.plugin` in `mypy.ini`, `.mypy.ini`, `setup.cfg` "
        "(`[mypy]`) and `pyproject.toml` (`[tool.mypy]`); `sqlalchemy-stubs`, `sqlalchemy2-stubs` or "
        "`types-SQLAlchemy` in requirements files, `setup.cfg` requirement keys and `pyproject.toml` "
        "dependency lists; and, in Python, `sqlalchemy.ext.mypy` imports and such requirement "
        "strings (e.g. in `setup.py`)."
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
        "Remove the stub packages from requirements and `sqlalchemy.ext.mypy.plugin` from mypy's "
        "`plugins` (keeping the other plugins), then uninstall the stubs from your environments."
    )
    fix_safety = (
        "Safe: deleting the plugin from a `plugins` setting (the key goes only when it becomes empty), "
        "a stub-package requirement line or list entry, or such a string from a Python list literal. "
        "Imports of the plugin, and entries the fix cannot isolate (a plugin list written as one TOML "
        "string with others), are manual."
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
            if fix is FixSafety.SAFE and is_stub_or_plugin(value) and id(node) in _commented(ctx):
                fix = FixSafety.UNSAFE
                where = f"; {COMMENT_DROPPED} (an entry it removes from this statement has one)"
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

    def check_config(self, path: str, text: str) -> list[ConfigFinding]:
        kind = config_kind(path)
        out: list[ConfigFinding] = []
        if kind in (MYPY_INI, SETUP_CFG):
            for key in ini_keys(text):
                if key.section == "mypy" and key.key == "plugins":
                    out.extend(_plugin_finding(key.region, ini_items(key, ",")))
        if kind == PYPROJECT:
            for entry in toml_keys(text):
                if entry.path != "tool.mypy.plugins":
                    continue
                if entry.is_array:
                    out.extend(_plugin_finding(entry.region, list(entry.strings)))
                else:
                    out.extend(_plugin_string(entry.region, entry.strings))
        if kind is not None:
            for group in requirement_groups(kind, text):
                stubs = [i for i in group.items if _STUBS.match(i.value)]
                if not stubs:
                    continue
                if group.whole:
                    edit = LineEdit(group.region.start, group.region.end, "")
                else:
                    edit = remove_items(group.region, stubs, len(group.items) - len(stubs), delete_key_if_empty=False)
                for item in stubs:
                    name = _STUBS.match(item.value)
                    assert name is not None
                    out.append(_finding(
                        item, f"`{item.value}` shadows SQLAlchemy 2.0's own types: remove it", (edit,),
                        name.group(1).lower(),
                    ))
        return out


def _is_plugin(value: str) -> bool:
    return value.strip().startswith(_PLUGIN)


def _finding(item: Item, message: str, edits: tuple[LineEdit, ...], key: str) -> ConfigFinding:
    line, col, end_line, end_col = item.position()
    fix = FixSafety.SAFE if edits else FixSafety.MANUAL
    return ConfigFinding(line, col, end_line, end_col, message, fix, item.scope, key, edits)


_PLUGIN_MESSAGE = "the SQLAlchemy mypy plugin is removed in 2.1: drop it from `plugins`"


def _plugin_finding(region: Region, items: list[Item]) -> list[ConfigFinding]:
    """One finding per `plugins` setting naming the SQLAlchemy plugin, at its (first) entry."""
    ours = [i for i in items if _is_plugin(i.value)]
    if not ours:
        return []
    edit = remove_items(region, ours, len(items) - len(ours), delete_key_if_empty=True)
    return [_finding(ours[0], _PLUGIN_MESSAGE, (edit,), _PLUGIN)]


def _plugin_string(region: Region, strings: tuple[Item, ...]) -> list[ConfigFinding]:
    """`plugins = "a, b"` in TOML: removable only when the plugin is all the string holds."""
    if not strings:
        return []
    item = strings[0]
    entries = [p.strip() for p in item.value.split(",") if p.strip()]
    if not any(_is_plugin(p) for p in entries):
        return []
    if all(_is_plugin(p) for p in entries):
        return [_finding(item, _PLUGIN_MESSAGE, (LineEdit(region.start, region.end, ""),), _PLUGIN)]
    return [_finding(item, _PLUGIN_MESSAGE + " (it shares one string with other plugins: edit it by hand)", (), _PLUGIN)]
