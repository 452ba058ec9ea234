"""SQ209 behaviour: each case of corpus_fix209 as a project of its own, legacy 1.4 vs fixed 2.x.

Like the shared harness (test_behaviour.py): fixes are applied with `unsafe=True` until nothing
changes (dropping the binding, SQ410, is offered once the Sessions got the engine), the legacy
module runs on SQLAlchemy 1.4 and the fixed one on 2.x with deprecation warnings as errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from tests.behaviour.corpus_fix209 import CASES_FIX209, HEADERS_FIX209
from tests.behaviour.test_behaviour import _sa14_python
from tests.conftest import git

HERE = Path(__file__).parent


def _module(header: str, body: str) -> str:
    inner = "".join(f"    {line}\n" if line else "\n" for line in body.splitlines())
    return f"{HEADERS_FIX209[header]}\n\ndef run(session: Session, conn: Connection):\n{inner}"


def _run(python: Path, folder: Path, mode: str, name: str) -> object:
    out = subprocess.run(
        [str(python), str(HERE / "runner.py"), str(folder), mode, name],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)[name]


@pytest.mark.parametrize("name", list(CASES_FIX209))
def test_same_rows_after_fix(name: str, tmp_path: Path) -> None:
    rules, header, body = CASES_FIX209[name]
    legacy, fixed = tmp_path / "legacy", tmp_path / "fixed"
    for folder in (legacy, fixed):
        folder.mkdir()
        shutil.copy(HERE / "bmodels.py", folder / "bmodels.py")
        (folder / f"{name}.py").write_text(_module(header, body))
    git(fixed, "init", "-q")
    checkout = open_checkout(fixed)
    applied: set[str] = set()
    for _ in range(3):
        result = Scanner(checkout, use_cache=False).run()
        proposal = propose(checkout, result, f"{name}.py", unsafe=True)
        if proposal is None or proposal.new_text == proposal.old_text:
            break
        applied |= {f.rule for f in proposal.fixed}
        (fixed / f"{name}.py").write_text(proposal.new_text)
    source = (fixed / f"{name}.py").read_text()
    assert set(rules) <= applied, f"expected {rules}, applied {sorted(applied)}\n{source}"
    assert "bind=sb_engine" in source and "MetaData(bind=" not in source, source
    old = _run(_sa14_python(), legacy, "legacy", name)
    new = _run(Path(sys.executable), fixed, "fixed", name)
    assert old == new, f"fixed code:\n{source}"
    assert isinstance(old, list) and old[0] == "list", old  # rows, not an exception on either side
