"""Behaviour of fixes whose legacy form never existed on 1.4 (2.0-era helpers, SQ508).

The legacy module runs on the installed 2.x with deprecation warnings allowed, the fixed one
on the same 2.x with them as errors; results must be identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from tests.conftest import git

HERE = Path(__file__).parent
HEADER = (
    "from sqlalchemy import select\n"
    "from sqlalchemy.engine import Connection\n"
    "from sqlalchemy.orm import Session\n"
    "from bmodels import User, users\n"
)
CASES: dict[str, tuple[str, str]] = {
    "row_t_unpack": ("SQ508", "row = conn.execute(select(users.c.id, users.c.name).where(users.c.id == 2)).first()\nident, name = row.t\nreturn [ident, name, row._t[1]]"),
    "row_tuple_method": ("SQ508", "row = conn.execute(select(users.c.age, users.c.name).order_by(users.c.id)).first()\nreturn [row.tuple(), row._tuple()[0]]"),
    "result_tuples": ("SQ508", "return conn.execute(select(users.c.id, users.c.name).order_by(users.c.id)).tuples().all()"),
    "session_tuples": ("SQ508", "return session.execute(select(User.id, User.age).order_by(User.id)).tuples().fetchmany(2)"),
}


def _module(body: str) -> str:
    inner = "".join(f"    {line}\n" for line in body.splitlines())
    return f"{HEADER}\n\ndef run(session: Session, conn: Connection):\n{inner}"


def _run(folder: Path, mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(HERE / "runner.py"), str(folder), mode, *CASES],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    legacy = tmp_path_factory.mktemp("legacy2")
    fixed = tmp_path_factory.mktemp("fixed2")
    for folder in (legacy, fixed):
        shutil.copy(HERE / "bmodels.py", folder / "bmodels.py")
        for name, (_, body) in CASES.items():
            (folder / f"{name}.py").write_text(_module(body))
    git(fixed, "init", "-q")
    checkout = open_checkout(fixed)
    result = Scanner(checkout, use_cache=False).run()
    applied: dict[str, set[str]] = {}
    for name in CASES:
        proposal = propose(checkout, result, f"{name}.py", rules=["SQ508"])
        applied[name] = {f.rule for f in proposal.fixed} if proposal else set()
        if proposal:
            (fixed / f"{name}.py").write_text(proposal.new_text)
    return {"legacy": _run(legacy, "legacy"), "fixed": _run(fixed, "fixed"), "applied": applied}


@pytest.mark.parametrize("name", list(CASES))
def test_same_behaviour_on_2x(name: str, outcomes: dict[str, Any]) -> None:
    assert CASES[name][0] in outcomes["applied"][name]
    assert outcomes["legacy"][name] == outcomes["fixed"][name]
    assert outcomes["legacy"][name][0] != "raise", outcomes["legacy"][name]
