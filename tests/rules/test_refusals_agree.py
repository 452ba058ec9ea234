"""Shapes a fixer refuses (or only guesses at) are reported MANUAL (or UNSAFE) by detection.

Each case names a rule, a source, the fix safety its one finding must have, and a phrase of
the reason, which detection shows in the message and the fixer gives when it declines.
"""

from __future__ import annotations

import pytest

from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner, ScanResult
from tests.conftest import Repo


def _scanned(repo: Repo, source: str) -> tuple[Checkout, ScanResult]:
    """`source` as the repository's case.py, scanned without the cache."""
    repo.write("case.py", source)
    checkout = open_checkout(repo.root)
    return checkout, Scanner(checkout, use_cache=False).run()

_MODEL = (
    "from typing import Optional\n\nfrom sqlalchemy import Column, Integer, String\n"
    "from sqlalchemy.orm import Mapped, declarative_base\n\nBase = declarative_base()\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    {line}\n"
)
_BULK = "from sqlalchemy.orm import Session\n\n\ndef run(session: Session, rows, flag):\n    {line}\n"
_PREPARE = "from sqlalchemy.ext.automap import automap_base\n\nBase = automap_base()\n{line}\n"
_WARNING = "import warnings\n\nwarnings.filterwarnings('error', {text!r})\n"

CASES = [
    # SQ308: with an annotation, `mapped_column` lets it decide type and NULL-ness.
    ("SQ308", _MODEL.format(line="id: int = Column(Integer, primary_key=True)"), FixSafety.MANUAL, "SQ312"),
    ("SQ308", _MODEL.format(line="id: Mapped[int] = Column(Integer, primary_key=True)"), FixSafety.SAFE, ""),
    ("SQ308", _MODEL.format(line="name: Mapped[Optional[str]] = Column(nullable=True)"), FixSafety.MANUAL, "no SQL type"),
    # SQ803: only a warning-filter spec is renamed; prose is left to a human.
    ("SQ803", _WARNING.format(text="We used to turn RemovedIn20Warning into errors"), FixSafety.MANUAL, "in prose"),
    ("SQ803", _WARNING.format(text="error::sqlalchemy.exc.RemovedIn20Warning"), FixSafety.SAFE, ""),
    # SQ804: arguments without a bulk-statement form, a used result, and a maybe-empty rows list.
    ("SQ804", _BULK.format(line="session.bulk_insert_mappings(User, [{'a': 1}], return_defaults=True)"), FixSafety.MANUAL, "return_defaults"),
    ("SQ804", _BULK.format(line="session.bulk_insert_mappings(User, [{'a': 1}], render_nulls=flag)"), FixSafety.MANUAL, "render_nulls"),
    ("SQ804", _BULK.format(line="done = session.bulk_update_mappings(User, rows)"), FixSafety.MANUAL, "is used"),
    ("SQ804", _BULK.format(line="session.bulk_insert_mappings(User, rows)"), FixSafety.UNSAFE, "non-empty"),
    ("SQ804", _BULK.format(line="session.bulk_insert_mappings(User, [{'a': 1}])"), FixSafety.SAFE, ""),
    ("SQ804", _BULK.format(line="session.bulk_update_mappings(User, rows)"), FixSafety.SAFE, ""),
    # SQ805: `prepare()` arguments with no mechanical `autoload_with=` form.
    ("SQ805", _PREPARE.format(line="Base.prepare(engine=engine, reflect=flag)"), FixSafety.MANUAL, "not a literal"),
    ("SQ805", _PREPARE.format(line="Base.prepare(engine, engine=engine)"), FixSafety.MANUAL, "keep one"),
    ("SQ805", _PREPARE.format(line="Base.prepare(reflect=True)"), FixSafety.MANUAL, "without an engine"),
    ("SQ805", _PREPARE.format(line="Base.prepare(engine=engine, reflect=True)"), FixSafety.SAFE, ""),
]


@pytest.mark.parametrize(("rule", "source", "fix", "why"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_detection_says_what_the_fixer_does(rule: str, source: str, fix: FixSafety, why: str, repo: Repo) -> None:
    checkout, result = _scanned(repo, source)
    found = [f for f in result.files["case.py"].findings if f.rule == rule]
    assert [f.fix for f in found] == [fix], [f.message for f in found]
    finding = found[0]
    assert why in finding.message
    proposal = propose(checkout, result, "case.py", rules=[rule])
    assert proposal is not None
    fixed = [f.fingerprint for f in proposal.fixed]
    reasons = {f.fingerprint: reason for f, reason in proposal.not_fixed}
    if fix is FixSafety.SAFE:
        assert fixed == [finding.fingerprint], reasons
        return
    assert fixed == [] and why in reasons[finding.fingerprint]
    if fix is FixSafety.UNSAFE:
        # The fixer makes the rewrite when asked for unsafe fixes: only the guess held it back.
        forced = propose(checkout, result, "case.py", rules=[rule], unsafe=True)
        assert forced is not None and [f.fingerprint for f in forced.fixed] == [finding.fingerprint]


_BIND = "from sqlalchemy import select, update\n\n\ndef f(users, engine):\n    return {call}\n"
BIND_CASES = [
    ("SQ602", _BIND.format(call="select([users.c.id], bind=engine)"), FixSafety.UNSAFE),
    ("SQ602", _BIND.format(call="select([users.c.id], users.c.id > 1)"), FixSafety.SAFE),
    ("SQ604", _BIND.format(call="update(users, users.c.id == 1, bind=engine)"), FixSafety.UNSAFE),
    ("SQ604", _BIND.format(call="update(users, users.c.id == 1)"), FixSafety.SAFE),
]


@pytest.mark.parametrize(("rule", "source", "fix"), BIND_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(BIND_CASES)])
def test_dropping_bind_is_unsafe_in_the_scan(rule: str, source: str, fix: FixSafety, repo: Repo) -> None:
    """`bind=` is dropped by the rewrite; the engine asks first, so the scan says unsafe."""
    checkout, result = _scanned(repo, source)
    found = [f for f in result.files["case.py"].findings if f.rule == rule]
    assert [f.fix for f in found] == [fix]
    assert ("`bind=` is dropped" in found[0].message) == (fix is FixSafety.UNSAFE)
    proposal = propose(checkout, result, "case.py", rules=[rule])
    assert proposal is not None
    assert [f.rule for f in proposal.fixed] == ([rule] if fix is FixSafety.SAFE else [])
    forced = propose(checkout, result, "case.py", rules=[rule], unsafe=True)
    assert forced is not None and [f.rule for f in forced.fixed] == [rule]


_CHAIN = (
    "from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    name: Mapped[str]\n\n\n"
    "def f(session: Session):\n    return session.query(User).{links}.all()\n"
)


@pytest.mark.parametrize(
    ("links", "fix"),
    [
        ("filter_by(name='x').with_entities(User.id)", FixSafety.MANUAL),
        ("filter(User.id > 1).with_entities(User.id)", FixSafety.SAFE),
        ("add_columns(User.name, x=1)", FixSafety.MANUAL),
    ],
)
def test_terminal_waits_for_the_entities_fix(links: str, fix: FixSafety, repo: Repo) -> None:
    """SQ101's fixer needs SQ115's rewrite of `.with_entities()` first: where SQ115 refuses, so does SQ101."""
    checkout, result = _scanned(repo, _CHAIN.format(links=links))
    by_rule = {f.rule: f for f in result.files["case.py"].findings}
    assert by_rule["SQ101"].fix is fix and by_rule["SQ115"].fix is fix
    proposal = propose(checkout, result, "case.py")
    assert proposal is not None
    fixed = {f.rule for f in proposal.fixed}
    assert ({"SQ101", "SQ115"} <= fixed) == (fix is FixSafety.SAFE)
    assert not ({"SQ101", "SQ115"} & fixed) or fix is FixSafety.SAFE


_GET = _CHAIN.replace(".{links}.all()", ".{links}")


@pytest.mark.parametrize(
    ("links", "get_fix", "switch_fix", "why"),
    [
        ("populate_existing().get(5)", FixSafety.UNSAFE, FixSafety.MANUAL, "fixed by SQ107"),
        ("autoflush(False).get(5)", FixSafety.MANUAL, FixSafety.MANUAL, "no `autoflush` argument"),
        ("yield_per(10).options().get(5)", FixSafety.MANUAL, FixSafety.SAFE, ""),
    ],
)
def test_switch_before_get(links: str, get_fix: FixSafety, switch_fix: FixSafety, why: str, repo: Repo) -> None:
    """A loading switch right before `.get()`: SQ107's `Session.get()` takes `populate_existing`
    only, and SQ116's fixer leaves that link to it."""
    checkout, result = _scanned(repo, _GET.format(links=links))
    by_rule = {f.rule: f for f in result.files["case.py"].findings}
    assert (by_rule["SQ107"].fix, by_rule["SQ116"].fix) == (get_fix, switch_fix)
    assert why in by_rule["SQ116"].message
    # SQ107 with a modifier is unsafe by its rule; asked for, it takes the switch along.
    proposal = propose(checkout, result, "case.py", unsafe=True)
    assert proposal is not None
    fixed = {f.rule for f in proposal.fixed}
    assert ("SQ107" in fixed) == (get_fix is FixSafety.UNSAFE)
    if get_fix is FixSafety.UNSAFE:
        assert "session.get(User, 5, populate_existing=True)" in proposal.new_text


def test_as_scalar_rewritten_by_sq118_counts_for_sq611(repo: Repo) -> None:
    """`session.query(...).as_scalar()`: SQ118 makes it `select(...).scalar_subquery()`, which
    is SQ611's rewrite too, so both findings are fixed and the written file verifies."""
    from sqla_assist.core.fix import apply

    checkout, result = _scanned(repo, _CHAIN.replace("session.query(User).{links}.all()", "session.query(User.id).as_scalar()"))
    rules = {f.rule: f.fix for f in result.files["case.py"].findings}
    assert rules == {"SQ118": FixSafety.SAFE, "SQ611": FixSafety.SAFE}
    proposal = propose(checkout, result, "case.py")
    assert proposal is not None and sorted(f.rule for f in proposal.fixed) == ["SQ118", "SQ611"]
    assert "select(User.id).scalar_subquery()" in proposal.new_text
    apply(checkout, proposal)
    assert (repo.root / "case.py").read_text() == proposal.new_text


_MULTI = "from sqlalchemy import create_engine\n\nengine = create_engine('sqlite://')\n\n\ndef f(users, rows):\n    with engine.begin() as conn:\n        conn.execute(users.insert(), {arg})\n"


@pytest.mark.parametrize(
    ("arg", "fix"),
    [("*rows", FixSafety.UNSAFE), ("*[{'id': 1}, {'id': 2}]", FixSafety.SAFE), ("{'id': 1}, {'id': 2}", FixSafety.SAFE)],
)
def test_spread_parameter_sets(arg: str, fix: FixSafety, repo: Repo) -> None:
    """`execute(stmt, *rows)` → `execute(stmt, list(rows))` holds only if `rows` holds dicts."""
    checkout, result = _scanned(repo, _MULTI.format(arg=arg))
    found = [f for f in result.files["case.py"].findings if f.rule == "SQ406"]
    assert [f.fix for f in found] == [fix]
    assert ("taken to hold dicts" in found[0].message) == (fix is FixSafety.UNSAFE)
    proposal = propose(checkout, result, "case.py", rules=["SQ406"])
    assert proposal is not None
    assert len(proposal.fixed) == (1 if fix is FixSafety.SAFE else 0)


_PARENT = (
    "from sqlalchemy import ForeignKey\n"
    "from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, with_parent\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    addresses = relationship('Address')\n\n\n"
    "class Address(Base):\n    __tablename__ = 'addresses'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    user_id: Mapped[int] = mapped_column(ForeignKey('users.id'))\n\n\n"
    "def f(session: Session, {param}):\n    return session.query({entities}).with_parent(user, {prop}).all()\n"
)


@pytest.mark.parametrize(
    ("param", "entities", "prop", "expected"),
    [
        # SQ707 names `User.addresses` first, then SQ123 makes it a filter: both SAFE.
        ("user: User", "Address", "'addresses'", {"SQ707": FixSafety.SAFE, "SQ123": FixSafety.SAFE}),
        # The parent's class is unknown: SQ707 cannot name the attribute, so SQ123 waits too.
        ("user", "Address", "'addresses'", {"SQ707": FixSafety.MANUAL, "SQ123": FixSafety.MANUAL}),
        ("user", "Address", "User.addresses", {"SQ123": FixSafety.SAFE}),
        ("user", "Address.id", "User.addresses", {"SQ123": FixSafety.MANUAL}),
        ("user", "Address, User", "User.addresses", {"SQ123": FixSafety.MANUAL}),
    ],
)
def test_with_parent(param: str, entities: str, prop: str, expected: dict[str, FixSafety], repo: Repo) -> None:
    checkout, result = _scanned(repo, _PARENT.format(param=param, entities=entities, prop=prop))
    found = {f.rule: f for f in result.files["case.py"].findings if f.rule in ("SQ123", "SQ707", "SQ101")}
    assert {r: f.fix for r, f in found.items() if r != "SQ101"} == expected
    # The terminal's fix needs SQ123's: it is SAFE only when SQ123 is.
    assert (found["SQ101"].fix is FixSafety.SAFE) == (expected["SQ123"] is FixSafety.SAFE and prop == "User.addresses")
    proposal = propose(checkout, result, "case.py")
    assert proposal is not None
    fixed = {f.rule for f in proposal.fixed}
    assert fixed >= {r for r, f in found.items() if f.fix is FixSafety.SAFE}
    assert not fixed & {r for r, f in found.items() if f.fix is FixSafety.MANUAL}


_MODEL_QUERY = (
    "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\n"
    "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n{extra}\n\n"
    "def f(pk):\n    return User.query.filter_by(id=pk).first()\n"
)


@pytest.mark.parametrize(
    ("extra", "fix"),
    [("", FixSafety.SAFE), ("    query_class = MyQuery\n", FixSafety.MANUAL)],
)
def test_model_query_session_found_in_the_file(extra: str, fix: FixSafety, repo: Repo) -> None:
    """SQ128's fixer names `db.session` only when this file shows it (and no own `query_class`)."""
    checkout, result = _scanned(repo, _MODEL_QUERY.format(extra=extra))
    found = [f for f in result.files["case.py"].findings if f.rule == "SQ128"]
    assert [f.fix for f in found] == [fix]
    assert ("is not visible in this file" in found[0].message) == (fix is FixSafety.MANUAL)
    proposal = propose(checkout, result, "case.py", rules=["SQ128"])
    assert proposal is not None and len(proposal.fixed) == (1 if fix is FixSafety.SAFE else 0)


_PATHS = (
    "from sqlalchemy import ForeignKey\n"
    "from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class User(Base):\n    __tablename__ = 'users'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    addresses = relationship('Address')\n\n\n"
    "class Address(Base):\n    __tablename__ = 'addresses'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    user_id: Mapped[int] = mapped_column(ForeignKey('users.id'))\n\n\n"
    "def f(session: Session):\n    return {expr}\n"
)


@pytest.mark.parametrize(
    ("rule", "expr", "fix", "why"),
    [
        ("SQ701", "session.query(User).options(joinedload('addresses')).all()", FixSafety.SAFE, ""),
        ("SQ701", "session.query(User, Address).options(joinedload('addresses')).all()", FixSafety.MANUAL, "more than one entity"),
        ("SQ701", "[joinedload('addresses')]", FixSafety.MANUAL, "not written inside `.options(...)`"),
        ("SQ701", "session.query(Address).options(joinedload('addresses')).all()", FixSafety.MANUAL, "`Address` has no attribute"),
        ("SQ703", "session.query(User).join('addresses').all()", FixSafety.SAFE, ""),
        ("SQ703", "session.query(Address).join('addresses').all()", FixSafety.MANUAL, "`Address` has no attribute"),
        ("SQ703", "session.query(User).select_from(Address).join('addresses').all()", FixSafety.MANUAL, "select_from"),
    ],
)
def test_string_paths_resolve_against_the_query_entity(rule: str, expr: str, fix: FixSafety, why: str, repo: Repo) -> None:
    """The fixers resolve a string's first name against the query's one entity, as 1.4 did."""
    checkout, result = _scanned(repo, _PATHS.format(expr=expr))
    found = [f for f in result.files["case.py"].findings if f.rule == rule]
    assert [f.fix for f in found] == [fix], [f.message for f in found]
    assert why in found[0].message
    proposal = propose(checkout, result, "case.py", rules=[rule])
    assert proposal is not None
    assert len(proposal.fixed) == (1 if fix is FixSafety.SAFE else 0)
    if fix is FixSafety.MANUAL:
        assert why in dict((f.fingerprint, w) for f, w in proposal.not_fixed)[found[0].fingerprint]
