"""Scan output for machines and people: JSON (a stable, documented schema) and linter text."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqla_assist.core.findings import CATEGORY_TITLES, Category, Finding, Severity

JSON_VERSION = 1


def summary(findings: Sequence[Finding], errors: Sequence[tuple[str, str]], files: int) -> dict[str, Any]:
    by_cat = Counter(f.category.value for f in findings)
    return {
        "total": len(findings),
        "files_scanned": files,
        "files_with_findings": len({f.path for f in findings}),
        "errors": len(errors),
        "by_category": {c.value: by_cat.get(c.value, 0) for c in Category},
        "by_severity": {s.value: sum(1 for f in findings if f.severity is s) for s in Severity},
        "by_fix": {k: sum(1 for f in findings if f.fix.value == k) for k in ("safe", "unsafe", "manual")},
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
    }


def to_json(findings: Sequence[Finding], errors: Sequence[tuple[str, str]], files: int) -> str:
    """The documented JSON document, one finding per line.

    `json.dumps(..., indent=2)` runs the pure-Python encoder: on a large tree it took longer than
    the warm scan itself. Each finding is encoded compactly by the C encoder instead, which keeps
    the document valid JSON, diff-friendly and greppable.
    """
    rows = ",\n".join("    " + json.dumps(f.to_json(), ensure_ascii=False) for f in findings)
    errs = ",\n".join("    " + json.dumps({"path": p, "message": m}, ensure_ascii=False) for p, m in errors)
    summary_text = json.dumps(summary(findings, errors, files), indent=2).replace("\n", "\n  ")
    return (
        f'{{\n  "version": {JSON_VERSION},\n'
        f'  "findings": [{chr(10) + rows + chr(10) + "  " if rows else ""}],\n'
        f'  "errors": [{chr(10) + errs + chr(10) + "  " if errs else ""}],\n'
        f'  "summary": {summary_text}\n}}\n'
    )


def to_text(
    findings: Sequence[Finding],
    errors: Sequence[tuple[str, str]],
    files: int,
    group: str = "module",
) -> str:
    lines: list[str] = []
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.module if group == "module" else f.category.label].append(f)
    order = sorted(groups) if group == "module" else [
        c.label for c in Category if c.label in groups
    ]
    for name in order:
        items = groups[name]
        lines.append(f"{name} ({len(items)})")
        for f in items:
            tag = f"{f.severity.value}, fix: {f.fix.value}"
            if f.evidence.value == "weak":
                tag += ", weak evidence"
            lines.append(f"  {f.location} {f.rule} {f.message} [{tag}]")
        lines.append("")
    for path, message in errors:
        lines.append(f"{path}: error: {message}")
    if errors:
        lines.append("")
    s = summary(findings, errors, files)
    lines.append(
        f"{s['total']} finding(s) in {s['files_with_findings']} of {files} file(s)"
        + (f", {len(errors)} file(s) not analysed" if errors else "")
    )
    for cat in Category:
        n = s["by_category"][cat.value]
        if n:
            lines.append(f"  {CATEGORY_TITLES[cat]:<24} {n}")
    return "\n".join(lines) + "\n"
