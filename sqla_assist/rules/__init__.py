"""The rule registry: every module in this package that defines `Rule` subclasses.

Adding a rule is adding a module here (plus its fixtures under tests/rules/cases/); nothing
else needs to know about it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from sqla_assist.core.rule import Rule

# Rules that run only when named explicitly (config `select = ["SQ310"]`, or `scan --rule
# SQ310`): on real code they mostly flag constructs projects keep on purpose. SQ310 fired 91
# times on already-typed 2.0 models in the recall study and on nothing a migration changed.
OPT_IN = frozenset({"SQ310"})

_CORE_FILES: tuple[str, ...] = (
    "analyze.py", "evidence.py", "imports.py", "findings.py", "rule.py", "scan.py", "gather.py", "sa_names.py",
)
# Evidence kinds and the method tables that gather and evidence share.
_CORE_FILES += ("kinds.py",)
# Configuration files are analysed by core code too (rules supply `check_config`).
_CORE_FILES += ("config_files.py",)
# Detection reads `LazyFixer.keeps_comments` (a fix that would drop a comment is reported unsafe).
_CORE_FILES += ("fixer.py",)
# The gathering pass exports a module's autocommit session helpers.
_CORE_FILES += ("session_wrappers.py",)


@cache
def all_rules() -> tuple[Rule, ...]:
    # Imported here: a warm rescan (everything cached) never loads the rules.
    import importlib
    import pkgutil

    found: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and "id" in vars(obj)
            ):
                if obj.id in found:
                    raise RuntimeError(f"duplicate rule id {obj.id} in {module.__name__}")
                found[obj.id] = obj()
    return tuple(found[k] for k in sorted(found))


@cache
def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}


def get_rule(rule_id: str) -> Rule | None:
    return rules_by_id().get(rule_id.upper())


@cache
def ruleset_version() -> str:
    """Changes whenever a rule or the analysis it runs on changes: the cache key's other half."""
    h = hashlib.sha1()
    here = Path(__file__).parent
    core = here.parent / "core"
    for path in sorted(here.glob("*.py")) + [core / name for name in _CORE_FILES]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
