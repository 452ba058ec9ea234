"""Fixer fixtures are data: tests/rules/cases/<ID>/fix_before.py → fix_after.py, exact text.

For each rule with a fixer: the proposal for that rule alone turns the before file into the
after file; the after file parses; fixing it again changes nothing; and a rescan of it shows
no finding of that rule that could still be fixed safely. A `fix_unsafe_before.py` →
`fix_unsafe_after.py` pair is held to the same with unsafe fixes enabled (and must change
nothing without them): typed fixers on weak evidence are tested there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from sqla_assist.rules import all_rules
from tests.conftest import Repo

CASES = Path(__file__).parent / "cases"


def fix_cases() -> list[str]:
    return sorted(p.parent.name for p in CASES.glob("SQ*/fix_before.py"))


def unsafe_fix_cases() -> list[str]:
    """Rules whose fixture pair is only applied with unsafe fixes enabled (typed fixes on weak evidence)."""
    return sorted(p.parent.name for p in CASES.glob("SQ*/fix_unsafe_before.py"))


def _run(repo: Repo, rule_id: str, text: str, unsafe: bool = False) -> tuple[str, int, int, int]:
    """(fixed text, findings of the rule, fixed, not fixed)."""
    repo.write("case.py", text)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False, opt_in=[rule_id]).run()
    proposal = propose(checkout, result, "case.py", rules=[rule_id], unsafe=unsafe)
    found = sum(1 for f in result.findings if f.rule == rule_id)
    if proposal is None:
        return text, found, 0, 0
    return proposal.new_text, found, len(proposal.fixed), len(proposal.not_fixed)


@pytest.mark.parametrize("rule_id", fix_cases())
def test_fix_case(rule_id: str, repo: Repo) -> None:
    before = (CASES / rule_id / "fix_before.py").read_text()
    expected = (CASES / rule_id / "fix_after.py").read_text()
    fixed, _, n_fixed, n_left = _run(repo, rule_id, before)
    assert n_fixed, "the fixture must exercise the fixer"
    assert fixed == expected
    ast.parse(fixed)
    again, found, n_fixed_again, _ = _run(repo, rule_id, fixed)
    assert again == fixed and n_fixed_again == 0, "a second run must change nothing"
    # Rescan: only the findings the first run left alone (with a reason) are still there.
    assert found == n_left


@pytest.mark.parametrize("rule_id", unsafe_fix_cases())
def test_unsafe_fix_case(rule_id: str, repo: Repo) -> None:
    before = (CASES / rule_id / "fix_unsafe_before.py").read_text()
    expected = (CASES / rule_id / "fix_unsafe_after.py").read_text()
    untouched, _, n_safe, _ = _run(repo, rule_id, before)
    assert n_safe == 0 and untouched == before, "an unsafe fixture must need unsafe fixes"
    fixed, _, n_fixed, n_left = _run(repo, rule_id, before, unsafe=True)
    assert n_fixed, "the fixture must exercise the fixer"
    assert fixed == expected
    ast.parse(fixed)
    again, found, n_fixed_again, _ = _run(repo, rule_id, fixed, unsafe=True)
    assert again == fixed and n_fixed_again == 0, "a second run must change nothing"
    assert found == n_left


def test_every_fixable_rule_has_fix_fixtures() -> None:
    with_fixer = {r.id for r in all_rules() if r.fixer is not None}
    covered = set(fix_cases()) | set(unsafe_fix_cases())
    assert with_fixer <= covered, sorted(with_fixer - covered)
