"""Rule fixtures are data: tests/rules/cases/<ID>/{positive,negative}.py.

A line that must be flagged carries `# expect: <ID>` (optionally `weak` after it, when the
evidence must be weak). Every other line of the file must not be flagged by that rule.
Contract: every registered rule has its documentation and both fixture files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.gather import ALIAS, PROJECT, ProjectFacts, settle
from sqla_assist.core.rule import FIX_CLASSES, STATUSES
from sqla_assist.rules import all_rules

CASES = Path(__file__).parent / "cases"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<ids>[A-Z0-9 ,]+?)(?:\s+(?P<weak>weak))?\s*$")


def expectations(text: str, rule_id: str) -> dict[int, bool]:
    """line → expected weak evidence, for `rule_id`."""
    out: dict[int, bool] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _EXPECT.search(line)
        if m and rule_id in re.split(r"[ ,]+", m.group("ids").strip()):
            out[lineno] = bool(m.group("weak"))
    return out


def case_files() -> list[tuple[str, Path]]:
    # fix_before.py / fix_after.py are fixer fixtures (tests/rules/test_fix_cases.py).
    return [(p.parent.name, p) for p in sorted(CASES.glob("SQ*/*.py")) if not p.stem.startswith("fix_")]


@pytest.mark.parametrize(("rule_id", "path"), case_files(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_case(rule_id: str, path: Path) -> None:
    data = path.read_bytes()
    analysis = analyze_source(data, all_rules(), module="case", is_package=False)
    assert analysis.error is None, analysis.error
    found: dict[int, bool] = {}
    # A call through a project alias (`meta.mapper(...)`) stands only once the gathering pass
    # has followed the alias; settled as a scan of this one file would settle it.
    facts = ProjectFacts({"case": analysis.exports})
    settled = [settle(f, facts, "case", False) if f.via.startswith(PROJECT + ALIAS) else f for f in analysis.findings]
    for f in (f for f in settled if f is not None):
        if f.rule == rule_id:
            found[f.line] = f.evidence.value == "weak"
    expected = expectations(data.decode(), rule_id)
    if path.stem.startswith("negative"):
        assert found == {}, f"{rule_id} flagged lines {sorted(found)} in a negative case"
        return
    assert sorted(found) == sorted(expected), "flagged lines differ from # expect markers"
    for line, weak in expected.items():
        if weak:
            assert found[line], f"line {line}: evidence should be weak"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_contract(rule) -> None:
    for attr in ("name", "title", "what", "why", "use_instead", "fix_safety"):
        assert getattr(rule, attr).strip(), f"{rule.id} lacks {attr}"
    assert rule.references, f"{rule.id} lacks references"
    assert rule.example.before.strip() and rule.example.after.strip()
    assert all(part in FIX_CLASSES for part in rule.fix_class.split("/")), rule.fix_class
    for status in (rule.on_20, rule.on_21):
        assert all(w in STATUSES for w in status.replace("/", " ").split()), status
    assert rule.tokens and rule.nodes
    folder = CASES / rule.id
    positive, negative = folder / "positive.py", folder / "negative.py"
    assert positive.is_file() and negative.is_file(), f"{rule.id} needs {folder}/positive.py and negative.py"
    assert expectations(positive.read_text(), rule.id), f"{positive} has no # expect: {rule.id}"
    # The example itself must be detected: the docs never show something the rule misses.
    before = rule.example.before.encode()
    header = b"from sqlalchemy import *\nfrom sqlalchemy.orm import *\nfrom sqlalchemy.ext.asyncio import *\n"
    analysis = analyze_source(header + before, all_rules())
    if rule.fix_class != "lint":
        assert any(f.rule == rule.id for f in analysis.findings), f"{rule.id}: its own example is not detected"
