"""Detection offers a Query fix only where the fixer will take it, and says why otherwise."""

from __future__ import annotations

import pytest

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.findings import FixSafety
from sqla_assist.rules import all_rules

HEADER = "from sqlalchemy.orm import Session, joinedload\n\ndef f(session: Session, q):\n"


@pytest.mark.parametrize(
    ("line", "rule", "fix", "reason"),
    [
        # `User` is not defined here: an entity by its name only, so the fixer applies it as unsafe.
        ("session.query(User).filter(User.id == 1).all()", "SQ101", FixSafety.UNSAFE, "by its name only"),
        ("session.query(User.id).filter(User.id == 1).all()", "SQ101", FixSafety.SAFE, ""),
        ("session.query(q.x).all()", "SQ101", FixSafety.MANUAL, "cannot tell whether `q.x` selects"),
        ('session.query(User).join("addresses").all()', "SQ101", FixSafety.MANUAL, "string or tuple join"),
        ("session.query(User).join(User.addresses).filter_by(id=1).all()", "SQ101", FixSafety.MANUAL, "SQ110"),
        ("session.query(User).from_self().all()", "SQ101", FixSafety.MANUAL, "`.from_self()` has no one-to-one"),
        ('session.query(User).options(joinedload("addresses")).first()', "SQ102", FixSafety.MANUAL, "string loader paths"),
        ("session.query(User).join(A, B, C).count()", "SQ106", FixSafety.MANUAL, "several targets"),
        ("session.query(User).distinct(User.name).one()", "SQ103", FixSafety.MANUAL, "DISTINCT ON"),
        ("session.query(User).get(1)", "SQ107", FixSafety.SAFE, ""),
        ('session.query(User).options(joinedload("x")).get(1)', "SQ107", FixSafety.MANUAL, "string loader paths"),
    ],
)
def test_fixability(line: str, rule: str, fix: FixSafety, reason: str) -> None:
    found = [r for r in analyze_source((HEADER + f"    return {line}\n").encode(), all_rules()).findings if r.rule == rule]
    assert len(found) == 1
    assert found[0].fix is fix
    assert reason in found[0].message


def test_query_variable_chain_is_manual() -> None:
    src = HEADER + "    query = session.query(User)\n    return query.filter(User.id == 1).all()\n"
    found = [r for r in analyze_source(src.encode(), all_rules()).findings if r.rule == "SQ101"]
    assert [r.fix for r in found] == [FixSafety.MANUAL]
    assert "built in a variable" in found[0].message
