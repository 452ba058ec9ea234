"""Fingerprints identify a finding across unrelated edits (they carry no line numbers)."""

from __future__ import annotations

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

SOURCE = """\
from sqlalchemy import select


def report(conn):
    a = select([t.c.id])
    b = select([t.c.id])
    return a, b
"""


def fingerprints(repo: Repo) -> list[str]:
    result = Scanner(open_checkout(repo.root), use_cache=False).run()
    return [f.fingerprint for f in result.findings]


def test_lines_inserted_above_keep_fingerprints(repo: Repo) -> None:
    repo.write("m.py", SOURCE)
    before = fingerprints(repo)
    assert len(before) == 2 and len(set(before)) == 2  # identical snippets, told apart by order
    repo.write("m.py", "import os\n\n\n# a comment\nX = 1\n" + SOURCE.replace("a = select", "a  =  select"))
    assert fingerprints(repo) == before


def test_fingerprint_changes_with_the_code_or_the_file(repo: Repo) -> None:
    repo.write("m.py", SOURCE)
    before = fingerprints(repo)
    repo.write("m.py", SOURCE.replace("t.c.id])\n    b", "t.c.name])\n    b"))
    after = fingerprints(repo)
    assert after[0] != before[0]
    (repo.root / "m.py").rename(repo.root / "n.py")
    assert set(fingerprints(repo)).isdisjoint(before)
