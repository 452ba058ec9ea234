"""Verified apply on real git repositories: bytes, encodings, newlines, mode, refusals."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import ApplyError, FileProposal, apply, propose
from sqla_assist.core.scan import Scanner
from sqla_assist.demo import make_demo_repo
from tests.conftest import CliRunner, Repo

LEGACY = 'from sqlalchemy import select\n\nstmt = select([1])  # one\n'
FIXED = 'from sqlalchemy import select\n\nstmt = select(1)  # one\n'


def _propose(repo: Repo, path: str = "m.py") -> FileProposal:
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, path)
    assert proposal is not None and proposal.fixed
    return proposal


def _fix(repo: Repo, data: bytes, path: str = "m.py") -> bytes:
    repo.write(path, data)
    apply(open_checkout(repo.root), _propose(repo, path))
    return (repo.root / path).read_bytes()


def test_plain_fix_and_diff(repo: Repo) -> None:
    repo.write("m.py", LEGACY)
    proposal = _propose(repo)
    assert proposal.diff.startswith("--- a/m.py\n+++ b/m.py\n@@ ")
    assert "-stmt = select([1])  # one\n+stmt = select(1)  # one\n" in proposal.diff
    assert [h.fingerprints for h in proposal.hunks] == [tuple(f.fingerprint for f in proposal.fixed)]
    apply(open_checkout(repo.root), proposal)
    assert (repo.root / "m.py").read_text() == FIXED


def test_crlf_kept(repo: Repo) -> None:
    out = _fix(repo, LEGACY.replace("\n", "\r\n").encode())
    assert out == FIXED.replace("\n", "\r\n").encode()


def test_bom_kept(repo: Repo) -> None:
    out = _fix(repo, b"\xef\xbb\xbf" + LEGACY.encode())
    assert out == b"\xef\xbb\xbf" + FIXED.encode()


def test_latin1_cookie_kept(repo: Repo) -> None:
    head = "# -*- coding: latin-1 -*-\n# caf\xe9\n"
    out = _fix(repo, (head + LEGACY).encode("latin-1"))
    assert out == (head + FIXED).encode("latin-1")


def test_missing_trailing_newline_kept(repo: Repo) -> None:
    out = _fix(repo, LEGACY.rstrip("\n").encode())
    assert out == FIXED.rstrip("\n").encode()


def test_mode_kept(repo: Repo) -> None:
    path = repo.write("m.py", LEGACY)
    os.chmod(path, 0o751)
    apply(open_checkout(repo.root), _propose(repo))
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert path.read_text() == FIXED


def test_symlink_refused(repo: Repo) -> None:
    repo.write("m.py", LEGACY)
    proposal = _propose(repo)
    os.symlink("m.py", repo.root / "link.py")
    with pytest.raises(ApplyError, match="symlink"):
        apply(open_checkout(repo.root), dataclasses.replace(proposal, path="link.py"))
    assert (repo.root / "m.py").read_text() == LEGACY


def test_outside_checkout_refused(repo: Repo) -> None:
    repo.write("m.py", LEGACY)
    proposal = _propose(repo)
    with pytest.raises(ApplyError, match="outside the checkout"):
        apply(open_checkout(repo.root), dataclasses.replace(proposal, path="../m.py"))


def test_changed_on_disk_refused_and_untouched(repo: Repo) -> None:
    repo.write("m.py", LEGACY)
    proposal = _propose(repo)
    edited = LEGACY + "x = 1\n"
    repo.write("m.py", edited)
    with pytest.raises(ApplyError, match="changed on disk since scan, rescan"):
        apply(open_checkout(repo.root), proposal)
    assert (repo.root / "m.py").read_text() == edited


def test_failed_verification_restores(repo: Repo) -> None:
    repo.write("m.py", LEGACY)
    proposal = _propose(repo)
    broken = dataclasses.replace(proposal, new_text=LEGACY + "# not a fix\n")
    with pytest.raises(ApplyError, match="original was restored"):
        apply(open_checkout(repo.root), broken)
    assert (repo.root / "m.py").read_text() == LEGACY
    unparsable = dataclasses.replace(proposal, new_text="stmt = select(\n")
    with pytest.raises(ApplyError, match="does not parse"):
        apply(open_checkout(repo.root), unparsable)
    assert (repo.root / "m.py").read_text() == LEGACY
    assert sorted(p.name for p in repo.root.iterdir()) == [".git", "m.py"], "no temp files left"


def test_unsafe_needs_opt_in_or_explicit_fingerprint(repo: Repo) -> None:
    repo.write("m.py", "def f(session):\n    return session.query(User).get(1)\n")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    assert propose(checkout, result, "m.py").fixed == ()  # weak receiver: unsafe
    finding = result.findings[0]
    chosen = propose(checkout, result, "m.py", fingerprints=[finding.fingerprint])
    assert chosen is not None and chosen.fixed == (finding,)
    assert chosen.hunks[0].unsafe
    everything = propose(checkout, result, "m.py", unsafe=True)
    assert everything is not None and "session.get(User, 1)" in everything.new_text


def test_comment_loss_is_unsafe(repo: Repo) -> None:
    repo.write("m.py", "from sqlalchemy import select\n\nstmt = select([\n    1,  # first\n    2,\n])\n")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    safe_only = propose(checkout, result, "m.py")
    assert safe_only is not None and not safe_only.fixed
    assert "drop a comment" in safe_only.not_fixed[0][1]


def test_cli_diff_then_write_twice(repo: Repo, cli: CliRunner) -> None:
    repo.write("m.py", LEGACY)
    repo.write("other.py", "from sqlalchemy import select\ns = select([2])\n")
    repo.commit()
    diff = cli("fix", "--file", "m.py", cwd=repo.root)
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.startswith("--- a/m.py\n+++ b/m.py\n") and "other.py" not in diff.stdout
    assert (repo.root / "m.py").read_text() == LEGACY
    write = cli("fix", "--write", cwd=repo.root)
    assert write.returncode == 0, write.stderr
    assert write.stdout == ""
    assert "m.py: fixed 1 finding(s)" in write.stderr and "other.py: fixed 1" in write.stderr
    assert (repo.root / "m.py").read_text() == FIXED
    again = cli("fix", "--write", cwd=repo.root)
    assert again.returncode == 0 and again.stdout == "" and "fixed" not in again.stderr
    assert (repo.root / "m.py").read_text() == FIXED


def test_cli_rule_filter(repo: Repo, cli: CliRunner) -> None:
    repo.write("m.py", LEGACY + "from sqlalchemy.ext.declarative import declarative_base\n")
    out = cli("fix", "--rule", "SQ301", cwd=repo.root)
    assert out.returncode == 0, out.stderr
    assert "+from sqlalchemy.orm import declarative_base" in out.stdout
    assert "select(1)" not in out.stdout


def test_demo_fix_diff_then_write_leaves_only_manual_and_unsafe(cli: CliRunner, tmp_path: Path) -> None:
    # Issue #4's demo check: a reviewable diff first, nothing written; after `--write`, the
    # rescan shows only findings that need a human (manual) or an explicit accept (unsafe).
    root = make_demo_repo(tmp_path / "shop")
    before = {p: p.read_bytes() for p in root.rglob("*.py")}
    diff = cli("fix", str(root))
    assert diff.returncode == 0, diff.stderr
    assert "--- a/shop/services.py\n+++ b/shop/services.py\n" in diff.stdout
    assert {p: p.read_bytes() for p in root.rglob("*.py")} == before
    first = json.loads(cli("scan", str(root), "--format", "json").stdout)
    assert any(f["fix"] == "safe" for f in first["findings"])
    write = cli("fix", str(root), "--write")
    assert write.returncode == 0, write.stderr
    after = json.loads(cli("scan", str(root), "--format", "json").stdout)
    fixes = {f["fix"] for f in after["findings"]}
    assert fixes and fixes <= {"manual", "unsafe"}, fixes
    assert len(after["findings"]) < len(first["findings"])
