"""Scan output for machines and people: JSON (a stable, documented schema) and linter text."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqla_assist.core.findings import CATEGORY_TITLES, Category, Finding, FixSafety, Severity

JSON_VERSION = 1


def summary(findings: Sequence[Finding], errors: Sequence[tuple[str, str]], files: int) -> dict[str, Any]:
    # Counted by member, named once per member: Enum's `.value` is a descriptor call, and a
    # warm rescan of a large tree summarises thousands of findings.
    by_cat = Counter(f.category for f in findings)
    by_sev = Counter(f.severity for f in findings)
    by_fix = Counter(f.fix for f in findings)
    return {
        "total": len(findings),
        "files_scanned": files,
        "files_with_findings": len({f.path for f in findings}),
        "errors": len(errors),
        "by_category": {c.value: by_cat.get(c, 0) for c in Category},
        "by_severity": {s.value: by_sev.get(s, 0) for s in Severity},
        "by_fix": {k.value: by_fix.get(k, 0) for k in FixSafety},
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
    }


def to_json(findings: Sequence[Finding], errors: Sequence[tuple[str, str]], files: int) -> str:
    """The documented JSON document, one finding per line.

    `json.dumps(..., indent=2)` runs the pure-Python encoder: on a large tree it took longer than
    the warm scan itself. Each finding is encoded compactly by the C encoder instead, which keeps
    the document valid JSON, diff-friendly and greppable.
    """
    # one encoder for all rows: json.dumps builds a new one per call when given any option
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = ",\n".join("    " + encode(f.to_json()) for f in findings)
    errs = ",\n".join("    " + encode({"path": p, "message": m}) for p, m in errors)
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
