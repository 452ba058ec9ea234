"""The rule plug-in contract.

A rule is a class with its documentation as data (so `sqla-assist rules ID`, the README
table and the app's help pane come from one text), a cheap byte prefilter, the stdlib-`ast`
node types it wants to see, a detector, and optionally a libcst fixer. Rules never open
other files; cross-file facts reach them through the analysis context.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from sqla_assist.core.findings import Category, Severity

if TYPE_CHECKING:
    from sqla_assist.core.analyze import FileContext
    from sqla_assist.core.config_files import ConfigFinding

# Behaviour of the legacy form on a version (RULES.md §0.2).
STATUSES = ("ERROR", "SILENT", "CHANGED", "DEPRECATED", "LEGACY", "OK", "mixed")
FIX_CLASSES = ("safe", "typed", "manual", "lint")


def severity_from(on_20: str, on_21: str) -> Severity:
    """The worst thing that happens if the legacy form is left in place."""
    words = {w.strip() for s in (on_20, on_21) for w in s.replace("/", " ").split()}
    if words & {"SILENT", "CHANGED"}:
        return Severity.SILENT
    if "ERROR" in words or "mixed" in words:
        return Severity.BREAKS
    if "DEPRECATED" in words:
        return Severity.DEPRECATED
    return Severity.LEGACY


@dataclass(frozen=True)
class Example:
    before: str
    after: str


class Rule:
    """Base class of every rule; subclasses fill the class attributes and `check`."""

    id: ClassVar[str]
    name: ClassVar[str]  # kebab-case, e.g. "select-list-argument"
    title: ClassVar[str]  # one line, shown in lists
    fix_class: ClassVar[str]  # "safe" | "typed" | "manual" | "lint", several joined by "/"
    on_20: ClassVar[str]
    on_21: ClassVar[str]
    what: ClassVar[str]
    why: ClassVar[str]
    example: ClassVar[Example]
    use_instead: ClassVar[str]
    fix_safety: ClassVar[str]
    references: ClassVar[tuple[str, ...]]
    tokens: ClassVar[tuple[bytes, ...]]  # the file must contain one of these to be analysed
    nodes: ClassVar[tuple[type[ast.AST], ...]]
    # The stronger token contract: every finding's innermost enclosing statement (decorators
    # included) spells one of `tokens`, so the walker may skip statements that spell none.
    # Rules whose evidence lives in other statements (a Row from an earlier `execute`) say False.
    local_tokens: ClassVar[bool] = True

    # Set by fixers (issue: codemods); None means detect-and-explain only.
    fixer: ClassVar[Callable[..., Any] | None] = None

    # Configuration-file kinds (core/config_files.py: "mypy-ini", "setup-cfg", "pyproject",
    # "requirements") whose text `check_config` reads; empty for Python-only rules.
    config_kinds: ClassVar[frozenset[str]] = frozenset()

    @property
    def category(self) -> Category:
        return Category.for_rule(self.id)

    @property
    def severity(self) -> Severity:
        return severity_from(self.on_20, self.on_21)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        raise NotImplementedError

    def check_config(self, path: str, text: str) -> list[ConfigFinding]:
        """Findings in a configuration file of one of `config_kinds` (its decoded text)."""
        return []

    def doc_markdown(self) -> str:
        """The rule's page, with ruff's headings."""
        refs = "\n".join(f"- {r}" for r in self.references)
        return (
            f"# {self.id} {self.name}\n\n{self.title}\n\n"
            f"Category: {self.category.label} · Fix: {self.fix_class} · "
            f"Severity: {self.severity.label} · 2.0: {self.on_20} · 2.1: {self.on_21}\n\n"
            f"## What it does\n{self.what.strip()}\n\n"
            f"## Why is this legacy?\n{self.why.strip()}\n\n"
            f"## Example\n```python\n{self.example.before.strip()}\n```\n\n"
            f"## Use instead\n{self.use_instead.strip()}\n\n"
            f"```python\n{self.example.after.strip()}\n```\n\n"
            f"## Fix safety\n{self.fix_safety.strip()}\n\n"
            f"## References\n{refs}\n"
        )
