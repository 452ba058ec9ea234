"""SQ807: dependency pins on library versions that cannot run on SQLAlchemy 2.x.

Reads requirements files, `setup.cfg` requirement keys and `pyproject.toml` dependency lists,
and in Python the requirement strings of `setup(...)` calls and of module-level lists whose
name says they hold requirements (`install_requires = [...]`). Lint: the pin is reported, not edited.
"""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.config_files import (
    PYPROJECT,
    REQUIREMENTS,
    SETUP_CFG,
    ConfigFinding,
    config_kind,
)
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._config_text import requirement_groups

# package → (first version that works with SQLAlchemy 2, why)
_THRESHOLDS: dict[str, tuple[tuple[int, ...], str]] = {
    "pandas": ((2, 0), "pandas < 2.0 passes plain SQL strings to `Connection.execute()` (ObjectNotExecutableError on SQLAlchemy 2)"),
    "flask-sqlalchemy": ((3, 0, 2), "Flask-SQLAlchemy gained SQLAlchemy 2 compatibility in 3.0.2 (3.1 requires SQLAlchemy ≥ 2.0.16)"),
}
_ALWAYS = {
    "sqlalchemy-stubs": "the mypy plugin stubs conflict with SQLAlchemy 2's own annotations; remove them",
    "sqlalchemy2-stubs": "SQLAlchemy 2 ships its own type annotations; remove the stubs package",
}
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
_SPEC = re.compile(r"^\s*(==|<=|<|~=)\s*([0-9][0-9.]*)(\.\*)?")
_REQ_KWARGS = frozenset({"install_requires", "extras_require", "tests_require", "setup_requires"})
_REQ_NAME = re.compile(r"requir|dependencies|^deps$", re.I)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def _bump(v: tuple[int, ...]) -> tuple[int, ...]:
    return (*v[:-1], v[-1] + 1) if v else v


def _below(spec_text: str, threshold: tuple[int, ...]) -> bool:
    """True when the specifiers allow no version at or above `threshold`."""
    for part in spec_text.split(";")[0].split(","):
        m = _SPEC.match(part)
        if not m:
            continue
        op, raw, star = m.group(1), _version(m.group(2)), m.group(3)
        if not raw:
            continue
        if op == "<" and raw <= threshold:
            return True
        if op == "<=" and raw < threshold:
            return True
        if op == "==" and (_bump(raw) <= threshold if star else raw < threshold):
            return True
        if op == "~=" and len(raw) > 1 and _bump(raw[:-1]) <= threshold:
            return True
    return False


def legacy_pin(requirement: str) -> str | None:
    """Why `requirement` (a PEP 508 string) pins a library that breaks on SQLAlchemy 2, or None."""
    m = _REQ.match(requirement)
    if not m:
        return None
    name = m.group(1).lower().replace("_", "-").replace(".", "-")
    if name in _ALWAYS:
        return _ALWAYS[name]
    known = _THRESHOLDS.get(name)
    if known is None or not _below(m.group(3), known[0]):
        return None
    return known[1]


class LegacyLibraryPins(Rule):
    id = "SQ807"
    name = "legacy-library-pins"
    title = "raise dependency pins that cannot run on SQLAlchemy 2 (pandas, Flask-SQLAlchemy, stub packages)"
    fix_class = "lint"
    on_20 = "ERROR"
    on_21 = "mixed"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"pandas", b"lask-SQLAlchemy", b"lask_sqlalchemy", b"lask-sqlalchemy", b"sqlalchemy-stubs", b"sqlalchemy2-stubs")
    config_kinds = frozenset({SETUP_CFG, PYPROJECT, REQUIREMENTS})
    what = (
        "Flags requirements in requirements files (`requirements*.txt`, `requirements/*.txt`, "
        "`constraints*.txt`), `setup.cfg` (`install_requires`, `extras_require`), `pyproject.toml` "
        "(`[project]` dependencies and optional-dependencies, `[dependency-groups]`), "
        "`setup(install_requires=...)` / `extras_require` and "
        "module-level requirement lists that pin pandas below 2.0, Flask-SQLAlchemy below 3.0.2, "
        "or install `sqlalchemy-stubs` / `sqlalchemy2-stubs`."
    )
    why = (
        "The library, not your code, calls the removed 1.x API: pandas < 2.0 runs "
        "`Connection.execute(str)` (pandas-dev/pandas#51061); Flask-SQLAlchemy 2.x predates "
        "SQLAlchemy 2 support; the stub packages conflict with the built-in annotations. "
        "The migration cannot land while these pins stay."
    )
    example = Example(
        before='setup(name="app", install_requires=["SQLAlchemy>=1.4", "pandas<2.0", "Flask-SQLAlchemy==2.5.1"])',
        after='setup(name="app", install_requires=["SQLAlchemy>=2.0", "pandas>=2.0", "Flask-SQLAlchemy>=3.0.2"])',
    )
    use_instead = (
        "Raise the pins together with the SQLAlchemy bump (pandas ≥ 2.2 itself requires "
        "SQLAlchemy 2); remove the stub packages."
    )
    fix_safety = "Lint: reported only; upgrading a dependency is a decision for the team."
    references = (
        "pandas-dev/pandas#51061, #51104 (pandas < 2.0 with SQLAlchemy 2)",
        "pallets-eco/flask-sqlalchemy CHANGES.rst (3.0.2, 3.1.0)",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name != "setup":
                return
            for kw in node.keywords:
                if kw.arg in _REQ_KWARGS:
                    self._strings(kw.value, ctx)
        elif isinstance(node, ast.Assign) and ctx.scope is ctx.module_scope:
            if any(isinstance(t, ast.Name) and _REQ_NAME.search(t.id) for t in node.targets):
                self._strings(node.value, ctx)

    def _strings(self, value: ast.expr, ctx: FileContext) -> None:
        for sub in ast.walk(value):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                why = legacy_pin(sub.value)
                if why:
                    ctx.report(self, sub, f"`{sub.value}`: {why}", fix=FixSafety.MANUAL)

    def check_config(self, path: str, text: str) -> list[ConfigFinding]:
        kind = config_kind(path)
        out: list[ConfigFinding] = []
        for group in requirement_groups(kind or "", text):
            for item in group.items:
                # Stub packages are SQ318's, which removes them from configuration files itself.
                m = _REQ.match(item.value)
                if m and m.group(1).lower() in _ALWAYS:
                    continue
                why = legacy_pin(item.value)
                if why:
                    line, col, end_line, end_col = item.position()
                    key = " ".join(item.value.lower().split())
                    out.append(ConfigFinding(
                        line, col, end_line, end_col, f"`{item.value}`: {why}", FixSafety.MANUAL, item.scope, key,
                    ))
        return out
