"""A finding the scan calls SAFE is one the fixer takes: `scan` and the app promise that fix.

For every rule with a fixer, its fixture files (positive*.py, fix_before.py) are scanned
together as one project, and every SAFE finding of any rule must be in the proposal's `fixed`
for its file. Where the fixer would refuse, detection must say MANUAL (with the reason); where
it would only rewrite on a guess, UNSAFE.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from sqla_assist.rules import all_rules
from tests.conftest import Repo

CASES = Path(__file__).parent / "cases"


def _rules_with_fixtures() -> list[str]:
    return sorted(r.id for r in all_rules() if r.fixer is not None and (CASES / r.id).is_dir())


def _fixture_files(rule_id: str) -> list[Path]:
    folder = CASES / rule_id
    return sorted([*folder.glob("positive*.py"), *folder.glob("fix_before.py")])


@pytest.mark.parametrize("rule_id", _rules_with_fixtures())
def test_safe_findings_are_fixed(rule_id: str, repo: Repo) -> None:
    files = _fixture_files(rule_id)
    for path in files:
        repo.write(path.name, path.read_bytes())
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    refused: list[str] = []
    for path in files:
        res = result.files.get(path.name)
        if res is None:
            continue
        safe = [f for f in res.findings if f.fix is FixSafety.SAFE]
        if not safe:
            continue
        proposal = propose(checkout, result, path.name)
        fixed = {f.fingerprint for f in (proposal.fixed if proposal else ())}
        reasons = {f.fingerprint: why for f, why in (proposal.not_fixed if proposal else ())}
        refused += [
            f"{f.location} {f.rule}: {reasons.get(f.fingerprint, 'not proposed')}"
            for f in safe
            if f.fingerprint not in fixed
        ]
    assert not refused, "SAFE findings the fixer does not fix:\n" + "\n".join(refused)
