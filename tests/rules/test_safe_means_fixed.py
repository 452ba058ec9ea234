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


# Fixture folders where detection still promises a fix the engine does not make, and why.
# Strict: once detection agrees there, the xfail fails and the entry must go.
KNOWN_GAPS: dict[str, str] = {}


def _rules_with_fixtures() -> list[object]:
    ids = sorted(r.id for r in all_rules() if r.fixer is not None and (CASES / r.id).is_dir())
    return [
        pytest.param(i, marks=pytest.mark.xfail(reason=KNOWN_GAPS[i], strict=True)) if i in KNOWN_GAPS else i
        for i in ids
    ]


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


_MODELS = (
    "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
)
_USE = (
    "from sqlalchemy.orm import Session\n\nfrom app.{module} import User\n\n\n"
    "def f(session: Session):\n    return session.query(User).all()\n"
)


@pytest.mark.parametrize(("module", "fix"), [("models", FixSafety.SAFE), ("helpers", FixSafety.UNSAFE)])
def test_imported_entity_is_settled_across_files(module: str, fix: FixSafety, repo: Repo) -> None:
    """`User` imported from another module: the gathering pass settles what the fixer will decide."""
    repo.write("app/__init__.py", "")
    repo.write("app/models.py", _MODELS)
    repo.write("app/helpers.py", "class User:\n    pass\n")
    repo.write("app/use.py", _USE.format(module=module))
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    found = [f for f in result.files["app/use.py"].findings if f.rule == "SQ101"]
    assert [f.fix for f in found] == [fix]
    proposal = propose(checkout, result, "app/use.py")
    assert proposal is not None
    assert [f.rule for f in proposal.fixed] == (["SQ101"] if fix is FixSafety.SAFE else [])
