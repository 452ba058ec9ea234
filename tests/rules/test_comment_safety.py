"""A fix that would drop a comment is unsafe, and the scan says so before anyone runs `fix`.

The fix engine refuses (without --unsafe) a rewrite whose node loses a comment; detection
reports the same spans as UNSAFE with the reason in the message, so the scan's SAFE stays a
promise. Fixers that keep comments (`LazyFixer(keeps_comments=True)`) stay SAFE.
"""

from __future__ import annotations

import pytest

from sqla_assist.core.analyze import COMMENT_DROPPED
from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

_SESSION = "from sqlalchemy.orm import Session\n\n\ndef make(engine):\n    return Session(\n        engine,\n{arg}    )\n"
_UPDATE = (
    "from sqlalchemy import update\n\n\ndef stmt(users, item_id):\n    return update(\n"
    "        users,{comment}\n        users.c.id == item_id,\n    )\n"
)
_MIXIN = "from sqlalchemy.orm import declarative_mixin\n\n\n@declarative_mixin{comment}\nclass Stamps:\n    pass\n"
_STUBS = 'REQS = [\n    "SQLAlchemy>=2",\n    "sqlalchemy2-stubs",{first}\n    "sqlalchemy-stubs",\n]\n'
_CHAIN = (
    "from sqlalchemy.orm import Session\n\nfrom app.models import User\n\n\n"
    "def f(session: Session):\n    return (\n        session.query(User)  # all users\n        .all()\n    )\n"
)
_MODELS = (
    "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
)

CASES = [
    # (label, rule, source, expected fix safety of each finding of the rule)
    ("kwarg-trailing-comment", "SQ202", _SESSION.format(arg="        autocommit=False,  # legacy\n"), [FixSafety.UNSAFE]),
    ("kwarg-no-comment", "SQ202", _SESSION.format(arg="        autocommit=False,\n"), [FixSafety.SAFE]),
    ("kwarg-hash-in-string", "SQ202", _SESSION.format(arg='        autocommit=False, info={"k": "#1"},\n'), [FixSafety.SAFE]),
    ("comment-inside-call", "SQ604", _UPDATE.format(comment="  # the table"), [FixSafety.UNSAFE]),
    ("no-comment-inside-call", "SQ604", _UPDATE.format(comment=""), [FixSafety.SAFE]),
    ("decorator-line-comment", "SQ317", _MIXIN.format(comment="  # for mypy"), [FixSafety.UNSAFE]),
    ("decorator-no-comment", "SQ317", _MIXIN.format(comment=""), [FixSafety.SAFE]),
    # One commented entry: the fixer drops every entry of the statement, so all are unsafe.
    ("stub-entry-comment", "SQ318", _STUBS.format(first="  # types"), [FixSafety.UNSAFE, FixSafety.UNSAFE]),
    ("stub-entries-plain", "SQ318", _STUBS.format(first=""), [FixSafety.SAFE, FixSafety.SAFE]),
    # The terminal fixer carries the comment along with the chain link it follows.
    ("chain-keeps-comment", "SQ101", _CHAIN, [FixSafety.SAFE]),
]


@pytest.mark.parametrize(("rule", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detection_and_fixer_agree_on_comments(rule: str, source: str, expected: list[FixSafety], repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/models.py", _MODELS)
    repo.write("app/case.py", source)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    found = [f for f in result.files["app/case.py"].findings if f.rule == rule]
    assert [f.fix for f in found] == expected
    for f in found:
        assert ("unsafe to fix automatically" in f.message and "comment" in f.message) == (f.fix is FixSafety.UNSAFE)
    if rule in ("SQ202", "SQ604"):  # the shapes the central check in FileContext.report decides
        assert all((COMMENT_DROPPED in f.message) == (f.fix is FixSafety.UNSAFE) for f in found)
    proposal = propose(checkout, result, "app/case.py", rules=[rule])
    assert proposal is not None
    fixed = {f.fingerprint for f in proposal.fixed}
    reasons = dict((f.fingerprint, why) for f, why in proposal.not_fixed)
    for f in found:
        if f.fix is FixSafety.SAFE:
            assert f.fingerprint in fixed, reasons.get(f.fingerprint)
        else:
            assert f.fingerprint not in fixed
            assert "comment" in reasons[f.fingerprint]
    if any(f.fix is FixSafety.UNSAFE for f in found):
        # Asked for explicitly, the unsafe fix is made (the comment is dropped or moved).
        forced = propose(checkout, result, "app/case.py", rules=[rule], unsafe=True)
        assert forced is not None and {f.fingerprint for f in forced.fixed} == {f.fingerprint for f in found}
