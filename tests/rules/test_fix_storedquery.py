"""SQ109: the detector offers a fix exactly where the stored-Query fixer takes it.

Every SQ109 finding the scan calls safe (or unsafe on weak evidence) must be fixed when asked
for by fingerprint; every manual one says why, and the reason names the escape it found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from sqla_assist.rules import all_rules
from tests.conftest import Repo

CASES = Path(__file__).parent / "cases" / "SQ109"


@pytest.mark.parametrize("fixture", sorted(p.name for p in CASES.glob("*.py")))
def test_every_offered_fix_is_made(fixture: str, repo: Repo) -> None:
    repo.write("case.py", (CASES / fixture).read_text())
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    offered = [f for f in result.findings if f.rule == "SQ109" and f.fix is not FixSafety.MANUAL]
    for finding in offered:
        proposal = propose(checkout, result, "case.py", fingerprints=[finding.fingerprint])
        assert proposal is not None
        assert [f.fingerprint for f in proposal.fixed] == [finding.fingerprint], proposal.not_fixed


def test_fixture_offers_fixes() -> None:
    """The fix fixture holds six fixable Queries and four refusals; of the refusals, the
    returned Query's refinement and the passed-on Query's call are lines to change too."""
    found = _sq109((CASES / "fix_before.py").read_text())
    assert [f.fix for f in found].count(FixSafety.SAFE) == 6
    assert [f.fix for f in found].count(FixSafety.MANUAL) == 6
    lines = {f.line for f in found if f.fix is FixSafety.MANUAL}
    assert {65, 71} <= lines


# `User` is a mapped class here: the shapes, not the entity-or-column question, are under test.
HEADER = (
    "from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n\n\n"
    "def f(session: Session, other: Session, items):\n"
)


def test_name_only_entity_is_offered_as_unsafe() -> None:
    """An undefined CamelCase name is an entity only by its name: the fixer applies it as unsafe."""
    src = "from sqlalchemy.orm import Session\n\n\ndef f(session: Session):\n    q = session.query(Thing)\n    return q.all()\n"
    found = _sq109(src)
    assert [f.fix for f in found] == [FixSafety.UNSAFE]
    assert "`Thing` is taken to be a mapped class by its name only" in found[0].message


def _sq109(src: str) -> list:  # type: ignore[type-arg]
    return [r for r in analyze_source(src.encode(), all_rules()).findings if r.rule == "SQ109"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("q = session.query(User)\n    return q", "returned or yielded"),
        ("q = session.query(User)\n    yield q.filter(User.id > 1)", "returned or yielded"),
        ("q = session.query(User)\n    return paginate(q)", "passed to a function"),
        ("q = session.query(User)\n    return render(query=q.filter(User.id > 1))", "passed to a function"),
        ("q = session.query(User)\n    f = lambda: q.all()\n    return f()", "nested function, lambda"),
        ("q = session.query(User)\n    def g():\n        return q.all()\n    return g()", "nested function, lambda"),
        ("q = session.query(User)\n    session = other\n    return q.all()", "rebound after"),
        ("q = session.query(User)\n    for session in items:\n        print(q.all())", "rebound after"),
        ("q = session.query(User)\n    self.q = q\n    return q.all()", "used as a Query here"),
        ("q = session.query(User)\n    del q", "`del q`"),
        ("q = session.query(User)\n    try:\n        pass\n    except Exception as q:\n        pass\n    return q.all()", "`except ... as`"),
        ("q = session.query(User)\n    from app import session\n    return q.all()", "rebound after"),
        ("q = session.query(User)\n    q += 1", "augmented"),
        ("q = session.query(User)\n    return q.get(5)", "SQ107"),
        ("q = session.query(User)\n    return q.with_entities(User.id).all()", "`.with_entities()` has no one-to-one"),
        ("q = session.query(User)\n    return q.statement", "used as a Query here"),
        ("q = session.query(User)\n    q = [1]\n    return q.all()", "assigned something else"),
        ("q = session.query(User)\n    q = q.filter(User.id > 1).all()\n    return q", "assigned something else"),
        ("q = session.query(User)\n    return q[0:2]", "used as a Query here"),
        ("q = session.query(User)\n    return q.first(5)", "with arguments"),
        ("q = session.query(User)", "never executed"),
        ('q = session.query(User).join("addresses")\n    return q.all()', "string or tuple join"),
        ("q = session.query(User).join(User.addresses)\n    q = q.filter_by(name='x')\n    return q.all()", "SQ110"),
        ("self.q = session.query(User)\n    return self.q.all()", "stored on an attribute"),
        ("q: object = session.query(User)\n    return q.all()", "annotated"),
        ("q = session.query(model)\n    return q.all()", "cannot tell whether `model`"),
        ("q = session.query(make())\n    return q.all()", "cannot tell whether `make()`"),
        ("print(items)\n    q = session.query(User)\n    return [1 for q in items]", "rebound by a loop"),
    ],
)
def test_refusals_say_why(body: str, reason: str) -> None:
    # The store's finding; the lines that refine or pass on an escaping Query have their own.
    found = [f for f in _sq109(HEADER + f"    {body}\n") if not f.message.startswith("Query `")]
    assert len(found) == 1, found
    assert found[0].fix is FixSafety.MANUAL
    assert reason in found[0].message


def test_second_build_is_manual() -> None:
    found = _sq109(HEADER + "    q = session.query(User)\n    q = other.query(User)\n    return q.all()\n")
    assert [f.fix for f in found] == [FixSafety.MANUAL, FixSafety.MANUAL]
    assert "assigned something else" in found[0].message
    assert "used before" in found[1].message


def test_module_level_query_is_manual() -> None:
    found = _sq109("from sqlalchemy.orm import Session\nsession = Session()\nq = session.query(User)\nrows = q.all()\n")
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "module-level" in found[0].message


def test_weak_session_is_unsafe_at_best() -> None:
    found = _sq109("def f(db):\n    q = db.query(User).filter_by(id=1)\n    return q.all()\n")
    assert len(found) == 1
    assert found[0].effective_fix() is FixSafety.UNSAFE


@pytest.mark.parametrize(
    "body",
    [
        "q = session.query(User)\n    for u in q:\n        print(u)",
        "q = session.query(User)\n    if items:\n        q = q.filter(User.id.in_(items))\n    return q.count()",
        "q = session.query(User)\n    for i in items:\n        q = q.filter(User.id != i)\n    return q.first()",
        "q = session.query(User)\n    return [u.id for u in q.order_by(User.id)]",
        "q = session.query(User)\n    print(q.count())",
    ],
)
def test_local_shapes_are_offered(body: str) -> None:
    found = _sq109(HEADER + f"    {body}\n")
    assert [f.fix for f in found] == [FixSafety.SAFE]


def test_detector_reads_the_fixers_entity_rules() -> None:
    from sqla_assist.rules import _fix_query, _storedquery_shapes

    assert _storedquery_shapes.COLUMN_FUNCS == _fix_query._COLUMN_FUNCS
    assert _storedquery_shapes.CAMEL.pattern == _fix_query._CAMEL.pattern


def test_escaping_query_flags_its_refinements_and_the_call_it_escapes_through() -> None:
    """RULES.md SQ109: the chain split across `q = q.filter(...)` lines and helper functions is
    one change; when it cannot be fixed, each of those lines is a place to rewrite by hand."""
    body = (
        "    q = session.query(User)\n"
        "    if items:\n"
        "        q = q.filter(\n"
        "            User.id > 1,\n"
        "        )\n"
        "    print(str(q))\n"
        "    return paginate(q, 10)\n"
    )
    found = sorted(_sq109(HEADER + body), key=lambda f: f.line)
    assert [(f.line, f.fix) for f in found] == [(14, FixSafety.MANUAL), (16, FixSafety.MANUAL), (20, FixSafety.MANUAL)]
    assert "stored at line 14" in found[1].message and found[1].end_line == 18
    assert "passed to `paginate()`" in found[2].message


def test_fixable_query_refinements_ride_with_the_store() -> None:
    """A fixable store rewrites its refinements itself: no separate findings for them."""
    body = "    q = session.query(User)\n    if items:\n        q = q.filter(User.id > 1)\n    return q.all()\n"
    assert [f.fix for f in _sq109(HEADER + body)] == [FixSafety.SAFE]


def test_a_parameter_passed_on_is_its_callers_business() -> None:
    src = "from sqlalchemy.orm import Query\n\n\ndef f(q: Query):\n    return paginate(q, 10)\n"
    assert _sq109(src) == []


def test_refinements_of_a_model_query_are_flagged() -> None:
    """`q = Proposal.query.filter_by(...)` (Flask-SQLAlchemy; SQ128 reports the store)."""
    src = (
        "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\n"
        "class Proposal(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\n"
        "def listing(kinds):\n"
        "    q = Proposal.query.filter_by(hidden=False)\n"
        "    if kinds:\n"
        "        q = q.filter(Proposal.kind.in_(kinds))\n"
        "    return q.all()\n"
    )
    found = _sq109(src)
    assert [(f.line, f.fix) for f in found] == [(13, FixSafety.MANUAL)]
    assert "`Proposal.query` (SQ128)" in found[0].message


def test_refinement_of_a_model_class_held_in_an_attribute() -> None:
    """Flask-Security's datastore: `query = self.user_model.query`, then `query.options(...)`."""
    src = (
        "from sqlalchemy.orm import joinedload\n\n\n"
        "class Datastore:\n"
        "    def find_user(self, **kwargs):\n"
        "        query = self.user_model.query\n"
        "        if kwargs:\n"
        "            query = query.options(joinedload(self.user_model.roles))\n"
        "        return query.filter_by(**kwargs).first()\n"
    )
    found = _sq109(src)
    assert [(f.line, f.fix, f.evidence.value) for f in found] == [(8, FixSafety.MANUAL, "weak")]
