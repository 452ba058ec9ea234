"""SQ425 where sequences exist: `conn.execute(Sequence(...))` on 1.4 against the fixed
`conn.scalar(Sequence(...))` on 2.x, both on a real PostgreSQL (SQLite has no sequences, so
the SQLite corpus cannot hold this case).

The sequences are created beforehand, outside the code under test, so DDL commit rules (which
also changed in 2.0) do not enter the comparison: both versions draw three values from a fresh
sequence with the same start and increment and must get the same numbers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from tests.behaviour.test_behaviour import _sa14_python
from tests.conftest import git

pytestmark = pytest.mark.slow

LEGACY = """\
import json
import sys

from sqlalchemy import Sequence, create_engine


def main(url, name):
    engine = create_engine(url)
    seq = Sequence(name)
    with engine.connect() as conn:
        values = [conn.execute(seq) for _ in range(3)]
    print(json.dumps(values))


main(sys.argv[1], sys.argv[2])
"""



def _sa14_with_psycopg2() -> Path:
    """The 1.4 interpreter of the behaviour corpus, with the driver 1.4 speaks to PostgreSQL."""
    python = _sa14_python()
    ready = python.parent.parent / ".psycopg2-ready"
    if not ready.exists():
        pip = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "psycopg2-binary"],
            capture_output=True, text=True, timeout=600,
        )
        if pip.returncode != 0:
            pytest.skip(f"cannot install psycopg2-binary into the 1.4 venv: {pip.stderr.strip()[-300:]}")
        ready.write_text("psycopg2-binary")
    return python


def _fixed_source(tmp_path: Path) -> str:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "seq.py").write_text(LEGACY)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "legacy")
    checkout = open_checkout(root)
    result = Scanner(checkout, use_cache=False).run()
    assert any(f.rule == "SQ425" for f in result.files["seq.py"].findings)
    proposal = propose(checkout, result, "seq.py", unsafe=True)
    assert proposal is not None and "SQ425" in {f.rule for f in proposal.fixed}
    return proposal.new_text


def test_sequence_values_are_the_same_after_the_fix(pg_url: str, tmp_path: Path) -> None:
    fixed = _fixed_source(tmp_path)
    assert "conn.scalar(seq)" in fixed and "conn.execute(seq)" not in fixed
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        for name in ("legacy_seq", "fixed_seq"):
            conn.execute(sa.text(f"CREATE SEQUENCE {name} START 5 INCREMENT 3"))
    engine.dispose()
    (tmp_path / "legacy.py").write_text(LEGACY)
    (tmp_path / "fixed.py").write_text(fixed)
    legacy_url = pg_url.replace("postgresql+psycopg://", "postgresql+psycopg2://")
    runs = {
        "legacy": [str(_sa14_with_psycopg2()), str(tmp_path / "legacy.py"), legacy_url, "legacy_seq"],
        "fixed": [sys.executable, "-W", "error::sqlalchemy.exc.SADeprecationWarning", str(tmp_path / "fixed.py"), pg_url, "fixed_seq"],
    }
    values = {}
    for name, argv in runs.items():
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, f"{name}: {out.stderr}"
        values[name] = json.loads(out.stdout)
    assert values["legacy"] == [5, 8, 11]
    assert values["fixed"] == values["legacy"]
