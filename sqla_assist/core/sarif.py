"""SARIF 2.1.0 output, so GitHub code scanning can show findings.

Rule metadata comes from the rule declarations (the same text as `sqla-assist rules ID`),
and each result carries our fingerprint as a partial fingerprint, so code scanning keeps
an alert's identity when unrelated lines move.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqla_assist import __version__
from sqla_assist.core.findings import Finding, FixSafety, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.BREAKS: "error",
    Severity.SILENT: "error",
    Severity.DEPRECATED: "warning",
    Severity.LEGACY: "note",
}


def to_sarif(findings: Sequence[Finding], errors: Sequence[tuple[str, str]]) -> str:
    from sqla_assist.rules import all_rules

    rules = all_rules()
    index = {r.id: i for i, r in enumerate(rules)}
    descriptors = [
        {
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.what.strip()},
            "help": {"text": r.doc_markdown(), "markdown": r.doc_markdown()},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {
                "category": r.category.label,
                "fix": r.fix_class,
                "severity": r.severity.label,
                "tags": ["sqlalchemy", "migration", r.category.value],
            },
        }
        for r in rules
    ]
    results: list[dict[str, Any]] = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"sqlaAssist/v1": f.fingerprint},
            "properties": {"fix": f.fix.value, "evidence": f.evidence.value, "module": f.module},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.fix is FixSafety.SAFE:
            result["properties"]["autofix"] = "sqla-assist fix --write"
        results.append(result)
    notifications = [
        {"level": "warning", "message": {"text": f"{path}: {message}"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"}}}]}
        for path, message in errors
    ]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sqla-assist",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/sqla-assist/",
                        "rules": descriptors,
                    }
                },
                "results": results,
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"
