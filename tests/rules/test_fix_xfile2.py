"""SQ313 across files, the edges: one diff per file, targets that cannot be edited, nested classes.

`fix --diff` must show what `fix --write` leaves, each file once, also when a file has fixes of
its own and is the other side of a backref in another file. A backref whose class is outside
the project (or defined where the fixer cannot write) is MANUAL from the scan on, with the
fixer's reason; classes defined in module-level `try`/`if` blocks are edited in place.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.fix_run import Overlay, run_fixes
from sqla_assist.core.scan import Scanner
from tests.conftest import CliRunner, Repo, git
from tests.xfile2_project import ITEM_AFTER, SHOP
from tests.xfile_project import FILES, USER, make_project

RULES = ("--rule", "SQ308", "--rule", "SQ313")


def _texts(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.py"))}


def _headers(diff: str) -> list[str]:
    return [line[len("+++ b/"):] for line in diff.splitlines() if line.startswith("+++ ")]


# The companion file sorts before the backref's file (it is proposed first, with its own
# SQ308 fixes) or after it (it is first edited as a companion, then proposed itself).
LAYOUTS = {
    "companion-first": {},
    "companion-last": {"app/user.py": None, "app/aa_user.py": USER},
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_diff_shows_each_file_once_and_is_what_write_leaves(cli: CliRunner, repo: Repo, tmp_path: Path, layout: str) -> None:
    files = {k: v for k, v in {**FILES, **LAYOUTS[layout]}.items() if v is not None}
    for rel, text in files.items():
        repo.write(rel, text)
    repo.commit("models")
    shown = cli("fix", str(repo.root), *RULES)
    assert shown.returncode == 0, shown.stderr
    headers = _headers(shown.stdout)
    assert sorted(headers) == headers and len(set(headers)) == len(headers), headers
    assert "app/order.py" in headers
    order_diff = shown.stdout.split("+++ b/app/order.py\n", 1)[1].split("--- a/", 1)[0]
    assert "+    id = mapped_column(Integer, primary_key=True)" in order_diff  # its own fix
    assert '+    customer = relationship("User", back_populates="orders", lazy="joined")' in order_diff  # the companion's
    assert _texts(repo.root) == {k: v for k, v in files.items()}  # --diff writes nothing

    # The printed diff, applied to a copy, gives exactly the files --write writes.
    copy = tmp_path / "copy"
    shutil.copytree(repo.root, copy)
    subprocess.run(["git", "apply", "-"], cwd=copy, input=shown.stdout, text=True, check=True)
    written = cli("fix", str(repo.root), *RULES, "--write")
    assert written.returncode == 0, written.stderr
    assert _texts(repo.root) == _texts(copy)
    assert _texts(repo.root) != files

    again = cli("fix", str(repo.root), *RULES, "--write")
    assert again.returncode == 0 and ": fixed " not in again.stderr, again.stderr
    assert _texts(repo.root) == _texts(copy)
    assert cli("fix", str(repo.root), *RULES).stdout == ""
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        f" M {rel}" for rel in headers
    ]


# -- scan and fix agree ------------------------------------------------------------------------

# backrefs whose other side the fixer cannot write: outside the project, missing, made in a function
ELSEWHERE = {
    "shop/gadgets.py": '''from sqlalchemy import Column, Integer

from shop.db import Base


def make_gadget():
    class Gadget(Base):
        __tablename__ = "gadgets"
        id = Column(Integer, primary_key=True)
    return Gadget


Thing = type("Thing", (Base,), {"__tablename__": "things", "id": Column(Integer, primary_key=True)})
''',
    "shop/link.py": '''from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from shop.db import Base
from vendorlib.models import Account


class Link(Base):
    __tablename__ = "links"
    id = Column(Integer, primary_key=True)
    account = relationship(Account, backref="links")
    widgets = relationship("Widget", backref="link")
    gadgets = relationship("Gadget", backref="link")
    things = relationship("Thing", backref="link")
    locals_ = relationship("Local", backref="link")


def make_local():
    class Local(Base):
        __tablename__ = "locals"
        id = Column(Integer, primary_key=True)
    return Local
''',
}

ELSEWHERE_REASONS = {
    "Account": "`vendorlib.models.Account` is not a mapped class of a scanned module",
    "Widget": "no scanned module defines a mapped class `Widget`",
    "Gadget": "no scanned module defines a mapped class `Gadget`",
    "Thing": "no scanned module defines a mapped class `Thing`",
    "Local": "class `Local` is defined inside a function or another class",
}


def _cases_dir() -> Path:
    return Path(__file__).parent / "cases" / "SQ313"


PROJECTS = {
    "fixture-positive": {"models.py": (_cases_dir() / "positive.py").read_text()},
    "fixture-negative": {"models.py": (_cases_dir() / "negative.py").read_text()},
    "fixture-fix-before": {"models.py": (_cases_dir() / "fix_before.py").read_text()},
    "xfile": dict(FILES),
    "xfile-two-registries": {
        **FILES,
        "app/address.py": FILES["app/address.py"].replace("from app.db import", "from app.other_db import"),
        "app/other_db.py": FILES["app/db.py"],
    },
    "xfile-keyword-expression": {**FILES, "app/user.py": USER.replace('backref="user"', 'backref=backref("user", order_by=id)')},
    "shop-nested": dict(SHOP),
    "shop-elsewhere": {**SHOP, **ELSEWHERE},
}


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_every_safe_backref_finding_is_fixed_and_every_other_says_why(repo: Repo, name: str) -> None:
    for rel, text in PROJECTS[name].items():
        repo.write(rel, text)
    repo.commit("models")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    found = [f for f in result.findings if f.rule == "SQ313"]
    for path in sorted({f.path for f in found}):
        proposal = propose(checkout, result, path, rules=["SQ313"])
        assert proposal is not None
        fixed = {f.fingerprint for f in proposal.fixed}
        refused = {f.fingerprint: why for f, why in proposal.not_fixed}
        for f in (f for f in found if f.path == path):
            if f.fix is FixSafety.SAFE:
                assert f.fingerprint in fixed, (f.location, f.message, refused.get(f.fingerprint))
            else:
                assert f.fix is FixSafety.MANUAL and f.fingerprint in refused, f
                assert "not fixed automatically: " in f.message, f.message
    safe = sum(f.fix is FixSafety.SAFE for f in found)
    if name in ("shop-nested", "xfile", "fixture-fix-before"):
        assert safe == len(found) > 0
    if name == "shop-elsewhere":
        manual = {f.message.split("`")[3].split(".")[0]: f.message for f in found if f.fix is FixSafety.MANUAL}
        assert set(manual) == set(ELSEWHERE_REASONS)
        for target, reason in ELSEWHERE_REASONS.items():
            assert reason in manual[target], manual[target]


def test_outside_project_backrefs_are_manual_and_nothing_is_written(cli: CliRunner, repo: Repo) -> None:
    for rel, text in {**SHOP, **ELSEWHERE}.items():
        repo.write(rel, text)
    repo.commit("models")
    scan = cli("scan", str(repo.root / "shop/link.py"), "--rule", "SQ313", "--format", "json", "--no-cache")
    assert scan.returncode in (0, 1), scan.stderr
    findings = json.loads(scan.stdout)["findings"]
    assert len(findings) == 5 and {f["fix"] for f in findings} == {"manual"}, findings
    written = cli("fix", str(repo.root), "--rule", "SQ313", "--file", "shop/link.py", "--write")
    assert written.returncode == 0, written.stderr
    assert ": fixed " not in written.stderr
    for reason in ELSEWHERE_REASONS.values():
        assert reason in written.stderr
    assert git(repo.root, "status", "--porcelain").strip() == ""
    shown = cli("fix", str(repo.root), "--rule", "SQ313", "--file", "shop/link.py")
    assert shown.stdout == ""


def test_classes_in_try_and_if_blocks_take_the_reverse_side(cli: CliRunner, repo: Repo) -> None:
    for rel, text in SHOP.items():
        repo.write(rel, text)
    repo.commit("models")
    written = cli("fix", str(repo.root), "--rule", "SQ313", "--write", "--unsafe")
    assert written.returncode == 0, written.stderr
    assert (repo.root / "shop/item.py").read_text() == ITEM_AFTER
    coupon = (repo.root / "shop/coupon.py").read_text()
    assert coupon.endswith('        customer_id = Column(ForeignKey("customers.id"))\n\n        holder = relationship("Customer", back_populates="coupons")\n')
    again = cli("fix", str(repo.root), "--rule", "SQ313", "--write", "--unsafe")
    assert again.returncode == 0 and ": fixed " not in again.stderr, again.stderr


def test_the_merged_proposal_says_which_findings_each_hunk_resolves(repo: Repo) -> None:
    make_project(repo)
    checkout = open_checkout(repo.root)
    scanner = Scanner(checkout, use_cache=False)
    result = scanner.run()
    overlay = Overlay(checkout, scanner)
    written: set[str] = set()
    for step in run_fixes(checkout, result, lambda: overlay.rescan(result), rules=["SQ308", "SQ313"], read=overlay.read, written=written):
        assert step.error is None and step.proposal is not None
        if step.proposal.fixed:
            overlay.apply(step.proposal)
            written.update([step.path, *(c.path for c in step.proposal.companions)])
    assert _texts(repo.root) == {k: v for k, v in FILES.items()}  # nothing written
    merged = {p.path: p for p in overlay.proposals()}
    order = merged["app/order.py"]
    sq308 = {f.fingerprint for f in result.findings if f.path == "app/order.py" and f.rule == "SQ308"}
    customer = {f.fingerprint for f in result.findings if f.rule == "SQ313" and "Order.customer" in f.message}
    user = {f.fingerprint for f in result.findings if f.rule == "SQ313" and "Address.user" in f.message}
    assert len(sq308) == 2 and len(customer) == 1 and len(user) == 1
    # the class body hunk shows both the own fixes and the reverse side: it resolves exactly those
    body = next(h for h in order.hunks if "+    customer = relationship(" in h.text)
    assert "+    id = mapped_column(" in body.text
    assert set(body.fingerprints) == sq308 | customer
    assert all(not user & set(h.fingerprints) for h in order.hunks)  # the Address backref edits address.py only
    assert all(h.path == "app/order.py" for h in order.hunks)
    assert {f.fingerprint for f in order.fixed} == sq308 | customer
    # the merged texts are the end state: applying each file's text gives no further SQ308/SQ313 fix
    for path, proposal in merged.items():
        (repo.root / path).write_text(proposal.new_text)
    again = Scanner(checkout, use_cache=False).run()
    assert not [f for f in again.findings if f.rule in ("SQ308", "SQ313") and f.fix is FixSafety.SAFE]
