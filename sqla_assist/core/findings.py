"""Findings: what a rule reports, and the fingerprint that lets decisions survive edits.

A finding is produced in two steps. Analysis of one file's bytes yields `RawFinding`s, which
know nothing about where the file lives, so they can be cached by content (blob id) and reused
when a file is moved or copied. `assemble` then adds the path, the dotted module name and the
fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """Checklist items; the hundreds digit of a rule id picks one."""

    SELECT = "select"
    SESSION = "session"
    MODELS = "models"
    ENGINE = "engine"
    ROWS = "rows"
    CORE = "core"
    LOADING = "loading"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_TITLES[self]

    @classmethod
    def for_rule(cls, rule_id: str) -> Category:
        return _CATEGORY_BY_DIGIT[rule_id[2]]


CATEGORY_TITLES: dict[Category, str] = {
    Category.SELECT: "select() normalisation",
    Category.SESSION: "session rescoping",
    Category.MODELS: "typed models",
    Category.ENGINE: "engine execution",
    Category.ROWS: "rows and results",
    Category.CORE: "core constructs",
    Category.LOADING: "loading and joins",
    Category.OTHER: "other",
}

_CATEGORY_BY_DIGIT = {
    "1": Category.SELECT,
    "2": Category.SESSION,
    "3": Category.MODELS,
    "4": Category.ENGINE,
    "5": Category.ROWS,
    "6": Category.CORE,
    "7": Category.LOADING,
    "8": Category.OTHER,
}


class FixSafety(StrEnum):
    """What can be done with one finding: ruff's safe / unsafe / display-only."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    MANUAL = "manual"


_FIX_BY_VALUE = {f.value: f for f in FixSafety}


class Severity(StrEnum):
    """How bad leaving the legacy form is, most dangerous first in `ORDER`."""

    BREAKS = "breaks"
    SILENT = "silent"
    DEPRECATED = "deprecated"
    LEGACY = "legacy"

    @property
    def label(self) -> str:
        return SEVERITY_TITLES[self]


SEVERITY_TITLES: dict[Severity, str] = {
    Severity.BREAKS: "breaks on 2.0",
    Severity.SILENT: "silent change",
    Severity.DEPRECATED: "deprecated",
    Severity.LEGACY: "legacy but supported",
}
SEVERITY_ORDER = (Severity.SILENT, Severity.BREAKS, Severity.DEPRECATED, Severity.LEGACY)


class Evidence(StrEnum):
    """How sure we are the receiver is what the rule needs; weak evidence never autofixes."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding as analysis of one file's content sees it (path-independent, cacheable)."""

    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: FixSafety
    evidence: Evidence
    scope: str
    key: str
    via: str = ""

    def to_json(self) -> list[Any]:
        return [
            self.rule,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.message,
            self.fix.value,
            self.evidence.value,
            self.scope,
            self.key,
            self.via,
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> RawFinding:
        rule, line, col, end_line, end_col, message, fix, evidence, scope, key, via = data
        # Dict lookups, not Enum calls: a warm rescan decodes every cached finding.
        return cls(
            rule, line, col, end_line, end_col, message,
            _FIX_BY_VALUE[fix], _EVIDENCE_BY_VALUE[evidence], scope, key, via,
        )

    def effective_fix(self) -> FixSafety:
        """Weak evidence never autofixes: a safe fix on a guess becomes unsafe."""
        if self.fix is FixSafety.SAFE and self.evidence is Evidence.WEAK:
            return FixSafety.UNSAFE
        return self.fix


_EVIDENCE_BY_VALUE = {e.value: e for e in Evidence}


@dataclass(frozen=True, slots=True)
class Finding:
    """One legacy construct at one place in the checkout."""

    rule: str
    category: Category
    severity: Severity
    path: str
    module: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: FixSafety
    evidence: Evidence
    fingerprint: str
    scope: str = field(default="", compare=False)

    def to_json(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies every field and was most of `--format json`.
        # `_value_` is the plain attribute behind Enum's `.value` descriptor (a call per access).
        return {
            "rule": self.rule,
            "category": self.category._value_,
            "severity": self.severity._value_,
            "path": self.path,
            "module": self.module,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "fix": self.fix._value_,
            "evidence": self.evidence._value_,
            "fingerprint": self.fingerprint,
        }

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def fingerprint(rule: str, path: str, scope: str, key: str, index: int) -> str:
    """Stable id: no line numbers, so code moving up or down keeps its identity."""
    text = f"{rule}\x1f{path}\x1f{scope}\x1f{key}\x1f{index}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def assemble(
    raws: Iterable[RawFinding],
    path: str,
    module: str,
    severity_of: dict[str, Severity],
) -> list[Finding]:
    """Place a file's raw findings at `path`, numbering identical snippets in source order."""
    seen: dict[tuple[str, str, str], int] = {}
    out: list[Finding] = []
    for raw in sorted(raws, key=lambda r: (r.line, r.column, r.rule)):
        ident = (raw.rule, raw.scope, raw.key)
        index = seen.get(ident, 0)
        seen[ident] = index + 1
        out.append(
            Finding(
                rule=raw.rule,
                category=Category.for_rule(raw.rule),
                severity=severity_of.get(raw.rule, Severity.LEGACY),
                path=path,
                module=module,
                line=raw.line,
                column=raw.column,
                end_line=raw.end_line,
                end_column=raw.end_column,
                message=raw.message,
                fix=raw.effective_fix(),
                evidence=raw.evidence,
                fingerprint=fingerprint(raw.rule, path, raw.scope, raw.key, index),
                scope=raw.scope,
            )
        )
    return out
