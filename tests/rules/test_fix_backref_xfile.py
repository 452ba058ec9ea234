"""SQ313 across files: `backref=` becomes `back_populates=` here and a declared reverse side there.

The fix of a finding in app/user.py carries companion proposals for app/address.py and
app/order.py (tests/xfile_project.py). Guarded here: the exact texts, the refusals, that the
pair is written together or not at all, that a second run changes nothing, that the schema is
untouched (Alembic autogenerate) and that the relationships load the same rows both ways.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sqla_assist.core import fix as fix_module
from sqla_assist.core.alembic_preview import Target, preview
from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.core.fix import ApplyError, FileProposal, StaleError, apply, propose
from sqla_assist.core.scan import Scanner
from tests.conftest import CliRunner, Repo
from tests.xfile_project import ADDRESS, AFTER, FILES, ORDER, USER, USER_AFTER, make_project

USER_PY = "app/user.py"
TARGET = Target("app.db:Base.metadata", ("app.user", "app.address", "app.order"))


def _proposal(repo: Repo, files: dict[str, str] | None = None) -> tuple[Checkout, FileProposal]:
    make_project(repo, files)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, USER_PY, rules=["SQ313"])
    assert proposal is not None
    return checkout, proposal


def _reasons(proposal: FileProposal) -> list[str]:
    return [why for f, why in proposal.not_fixed if f.rule == "SQ313"]


def _texts(root: Path) -> dict[str, str]:
    return {rel: (root / rel).read_text() for rel in FILES}


# -- the proposal ------------------------------------------------------------------------------


def test_the_fix_carries_the_reverse_sides_as_companion_proposals(repo: Repo) -> None:
    _, proposal = _proposal(repo)
    assert [f.rule for f in proposal.fixed] == ["SQ313", "SQ313"] and _reasons(proposal) == []
    assert proposal.new_text == USER_AFTER
    assert {c.path: c.new_text for c in proposal.companions} == {p: t for p, t in AFTER.items() if p != USER_PY}
    fps = {f.fingerprint for f in proposal.fixed}
    for companion in proposal.companions:
        assert companion.fixed == () and companion.diff.startswith(f"--- a/{companion.path}\n+++ b/{companion.path}\n")
        assert companion.blob == Scanner(open_checkout(repo.root), use_cache=False).run().all_files[companion.path].blob
        # every hunk there resolves a finding of app/user.py, and says which file it changes
        assert companion.hunks and all(h.path == companion.path and set(h.fingerprints) <= fps for h in companion.hunks)
    # the typed target gets a typed reverse side (NOT NULL foreign key: not Optional), the
    # untyped one a plain relationship carrying the backref's keyword arguments
    assert '    user: Mapped["User"] = relationship("User", back_populates="addresses")\n' in AFTER["app/address.py"]


def test_each_hunk_in_the_other_file_belongs_to_the_finding_that_made_it(repo: Repo) -> None:
    phone = '\n\nclass Phone(Base):\n    __tablename__ = "phones"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))\n'
    user = USER + '    phones = relationship("Phone", backref="owner")\n'
    _, proposal = _proposal(repo, {"app/user.py": user, "app/address.py": ADDRESS + phone})
    by_attr = {f.message.split("`")[3]: f.fingerprint for f in proposal.fixed}
    assert set(by_attr) == {"Address.user", "Order.customer", "Phone.owner"}
    (address,) = [c for c in proposal.companions if c.path == "app/address.py"]
    assert '    owner: Mapped[Optional["User"]] = relationship("User", back_populates="phones")\n' in address.new_text
    owners = {
        next(attr for attr in ("user:", "owner:", "import") if attr in h.text): set(h.fingerprints) for h in address.hunks
    }
    assert owners == {
        "import": {by_attr["Address.user"], by_attr["Phone.owner"]},  # housekeeping: both need it
        "user:": {by_attr["Address.user"]},
        "owner:": {by_attr["Phone.owner"]},
    }


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        pytest.param(
            {"app/legacy.py": ADDRESS.replace("addresses", "old_addresses")},
            "`Address` is defined in 2 modules (app.address, app.legacy)",
            id="ambiguous",
        ),
        pytest.param(
            {"app/address.py": ADDRESS + "\n    @property\n    def user(self) -> int:\n        return 1\n"},
            "`Address` already has an attribute `user`",
            id="clash",
        ),
        pytest.param(
            {"app/user.py": USER.replace('order_by="Address.id"', 'secondary="link"').replace(
                'backref="user"', 'backref=backref("user", order_by=id)')},
            "`order_by=id` may not mean the same in `Address`'s module",
            id="keyword-expression",
        ),
        pytest.param(
            {"app/user.py": USER.replace('order_by="Address.id"', "secondary=link").replace(
                "from app.order import Order\n", "from app.order import Order, link\n"), "app/order.py": ORDER + "\nlink = None\n"},
            "`secondary=link` would have to be imported into `Address`'s module",
            id="secondary-name",
        ),
        pytest.param(
            {"app/address.py": ADDRESS.replace("from app.db import", "from app.other_db import"), "app/other_db.py": FILES["app/db.py"]},
            "`User` (app.db.Base) and `Address` (app.other_db.Base) have different declarative bases",
            id="two-registries",
        ),
        pytest.param(
            {"app/user.py": USER.replace('"Address"', '"Missing"')},
            "no scanned module defines a mapped class `Missing`",
            id="missing",
        ),
    ],
)
def test_what_cannot_be_moved_to_the_other_file_stays_manual(repo: Repo, files: dict[str, str], reason: str) -> None:
    _, proposal = _proposal(repo, files)
    reasons = _reasons(proposal)
    assert any(reason in r for r in reasons), reasons
    assert all(c.path != "app/address.py" for c in proposal.companions)
    assert 'backref="user"' in proposal.new_text or 'backref=backref("user"' in proposal.new_text


# -- writing the pair --------------------------------------------------------------------------


def test_apply_writes_every_file_and_a_second_run_changes_nothing(repo: Repo) -> None:
    checkout, proposal = _proposal(repo)
    apply(checkout, proposal)
    assert _texts(repo.root) == {**FILES, **AFTER}
    result = Scanner(checkout, use_cache=False).run()
    assert not [f for f in result.findings if f.rule == "SQ313"]
    assert propose(checkout, result, USER_PY, rules=["SQ313"]) is None


def test_a_changed_companion_aborts_both_writes(repo: Repo) -> None:
    checkout, proposal = _proposal(repo)
    edited = ADDRESS + "# edited by hand after the scan\n"
    (repo.root / "app/address.py").write_text(edited)
    with pytest.raises(StaleError, match=r"app/address\.py: changed on disk since scan"):
        apply(checkout, proposal)
    assert _texts(repo.root) == {**FILES, "app/address.py": edited}


def test_a_failed_write_of_the_second_file_restores_the_first(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout, proposal = _proposal(repo)
    real = fix_module._write

    def failing(full: Path, data: bytes, mode: int) -> None:
        if full.name == "order.py":
            raise OSError(28, "No space left on device")
        real(full, data, mode)

    monkeypatch.setattr(fix_module, "_write", failing)
    with pytest.raises(ApplyError, match=r"app/order\.py: cannot write: No space left on device; the originals were restored"):
        apply(checkout, proposal)
    assert _texts(repo.root) == FILES


def test_a_failed_verification_restores_every_file(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout, proposal = _proposal(repo)
    real = fix_module._verify

    def strict(old: bytes, new: bytes, p: FileProposal) -> str:
        return "a rescan still shows SQ313 at a fixed place" if p.path == "app/order.py" else real(old, new, p)

    monkeypatch.setattr(fix_module, "_verify", strict)
    with pytest.raises(ApplyError, match=r"app/order\.py: a rescan still shows SQ313.*; the originals were restored"):
        apply(checkout, proposal)
    assert _texts(repo.root) == FILES


# -- the CLI -----------------------------------------------------------------------------------


def test_cli_diff_shows_both_files_and_write_writes_both(cli: CliRunner, repo: Repo) -> None:
    make_project(repo)
    shown = cli("fix", str(repo.root), "--rule", "SQ313")
    assert shown.returncode == 0, shown.stderr
    headers = [line for line in shown.stdout.splitlines() if line.startswith("+++ ")]
    assert headers == ["+++ b/app/address.py", "+++ b/app/order.py", "+++ b/app/user.py"]  # each file once, path order
    assert '+    user: Mapped["User"] = relationship("User", back_populates="addresses")' in shown.stdout
    assert _texts(repo.root) == FILES  # --diff writes nothing

    written = cli("fix", str(repo.root), "--rule", "SQ313", "--write")
    assert written.returncode == 0, written.stderr
    assert "app/user.py: fixed 2 finding(s) (and edited app/address.py, app/order.py)" in written.stderr
    assert _texts(repo.root) == {**FILES, **AFTER}

    rescan = cli("scan", str(repo.root), "--rule", "SQ313", "--format", "json", "--no-cache")
    assert rescan.returncode == 0, rescan.stderr
    assert json.loads(rescan.stdout)["findings"] == []
    again = cli("fix", str(repo.root), "--rule", "SQ313", "--write")
    assert again.returncode == 0 and "fixed" not in again.stderr, again.stderr
    assert cli("fix", str(repo.root), "--rule", "SQ313").stdout == ""
    assert _texts(repo.root) == {**FILES, **AFTER}


def test_cli_write_rescans_when_a_companion_was_already_fixed_this_run(cli: CliRunner, repo: Repo) -> None:
    # app/order.py sorts before app/user.py and has typed-model fixes of its own: it is written
    # first, so the reverse side must be proposed again from its new bytes.
    make_project(repo)
    shown = cli("fix", str(repo.root), "--rule", "SQ308", "--rule", "SQ313")
    # --diff shows app/order.py once, with its own fixes and the reverse side merged
    assert [line for line in shown.stdout.splitlines() if line.startswith("+++ ")].count("+++ b/app/order.py") == 1
    proc = cli("fix", str(repo.root), "--rule", "SQ308", "--rule", "SQ313", "--write")
    assert proc.returncode == 0, proc.stderr
    order = (repo.root / "app/order.py").read_text()
    assert "    id = mapped_column(Integer, primary_key=True)\n" in order
    assert order.endswith('\n    customer = relationship("User", back_populates="orders", lazy="joined")\n')
    assert (repo.root / "app/user.py").read_text().count("back_populates=") == 2


# -- schema and behaviour ----------------------------------------------------------------------


def test_the_pair_keeps_the_schema(repo: Repo) -> None:
    make_project(repo)
    checkout = open_checkout(repo.root)
    # Alembic autogenerate from the original models, one file at a time as they are written.
    for rel in ("app/user.py", "app/address.py", "app/order.py"):
        result = preview(checkout, rel, AFTER[rel], metadata_target=TARGET, migrations=False)
        assert result.errors == () and result.is_empty, (rel, result.changes)
        (repo.root / rel).write_text(AFTER[rel])


_ROWS = '''
import json
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session, configure_mappers
from app.db import Base
from app.user import User
from app.address import Address
from app.order import Order

configure_mappers()
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=i, name=n) for i, n in ((1, "ann"), (2, "bob"), (3, "cy"))])
    s.flush()
    s.add_all([Address(id=i, email=f"e{i}", user_id=u) for i, u in ((1, 2), (2, 1), (3, 2), (4, 1))])
    s.add_all([Order(id=i, user_id=u) for i, u in ((1, 1), (2, None), (3, 3), (4, 1))])
    s.commit()
out = {}
with Session(engine) as s:
    out["user.addresses"] = {u.id: [a.id for a in u.addresses] for u in s.scalars(select(User))}
with Session(engine) as s:
    out["user.orders"] = {u.id: sorted(o.id for o in u.orders) for u in s.scalars(select(User))}
with Session(engine) as s:
    out["address.user"] = {a.id: a.user.name for a in s.scalars(select(Address))}
with Session(engine) as s:
    out["order.customer"] = {o.id: o.customer and o.customer.name for o in s.scalars(select(Order))}
with Session(engine) as s:
    # both sides stay in step in memory, before any flush
    ann = s.get(User, 1)
    new = Address(id=9, email="e9")
    ann.addresses.append(new)
    order = s.get(Order, 2)
    order.customer = s.get(User, 3)
    out["in memory"] = [new.user.name, [o.id for o in s.get(User, 3).orders]]
    s.commit()
    out["written"] = s.execute(select(Address.user_id).where(Address.id == 9)).scalar_one()
out["shape"] = {
    f"{cls.__name__}.{r.key}": [r.direction.name, r.uselist, str(r.lazy), r.mapper.class_.__name__]
    for cls in (User, Address, Order)
    for r in inspect(cls).relationships
}
print(json.dumps(out, sort_keys=True))
'''


def _rows(root: Path) -> Any:
    proc = subprocess.run([sys.executable, "-c", _ROWS], cwd=root, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_relationships_load_the_same_rows_both_ways(repo: Repo, tmp_path: Path) -> None:
    checkout, proposal = _proposal(repo)
    before_root = tmp_path / "before"
    shutil.copytree(repo.root / "app", before_root / "app")
    apply(checkout, proposal)
    before, after = _rows(before_root), _rows(repo.root)
    assert after == before
    assert before["address.user"] == {"1": "bob", "2": "ann", "3": "bob", "4": "ann"}
    assert before["order.customer"]["2"] is None and before["in memory"] == ["ann", [2, 3]]
    assert set(before["shape"]) == {"User.addresses", "User.orders", "Address.user", "Order.customer"}


def test_the_schema_gate_previews_the_pair_together(repo: Repo) -> None:
    from dataclasses import replace

    from sqla_assist.core.model_gate import gate

    checkout, proposal = _proposal(repo)
    verdict = gate(checkout, proposal, metadata_target=TARGET)
    assert verdict.needed and verdict.ok, verdict.explain()
    # A companion edit that changed the schema holds the whole pair.
    extra = "\nfrom sqlalchemy import Column, Integer, Table\nextra = Table('extra', Base.metadata, Column('id', Integer, primary_key=True))\n"
    first, *rest = proposal.companions
    bad = replace(proposal, companions=(replace(first, new_text=first.new_text + extra), *rest))
    verdict = gate(checkout, bad, metadata_target=TARGET)
    assert not verdict.ok and "extra" in verdict.ops
