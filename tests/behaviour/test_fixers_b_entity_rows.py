"""Behaviour of the SQ506 fix, whose legacy form never worked: rows of `execute(select(Entity))`
used as entities raised AttributeError on 1.4 already.

So "same results as the legacy code" cannot hold. Instead, for each case: the legacy module must
raise AttributeError on 1.4 (the rule's premise), and the fixed module on 2.x (deprecation
warnings as errors) must give what the code meant: the same body written with the legacy
`Query` API, run on 1.4.
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
from tests.behaviour.test_behaviour import _sa14_python
from tests.conftest import git

HERE = Path(__file__).parent
HEADER = (
    "from sqlalchemy import select\n"
    "from sqlalchemy.engine import Connection\n"
    "from sqlalchemy.orm import Session\n"
    "from bmodels import Address, User\n"
)
# name → (half-migrated body, the same intent with Query)
CASES: dict[str, tuple[str, str]] = {
    "fixers_b_entity_loop": (
        "out = []\nfor user in session.execute(select(User).order_by(User.id)):\n    out.append([user.id, user.name])\nreturn out",
        "out = []\nfor user in session.query(User).order_by(User.id):\n    out.append([user.id, user.name])\nreturn out",
    ),
    "fixers_b_entity_all": (
        "out = []\nfor a in session.execute(select(Address).where(Address.id > 2).order_by(Address.id)).all():\n    out.append(a.email)\nreturn out",
        "out = []\nfor a in session.query(Address).filter(Address.id > 2).order_by(Address.id).all():\n    out.append(a.email)\nreturn out",
    ),
    "fixers_b_entity_first": (
        "user = session.execute(select(User).where(User.age == 30).order_by(User.id)).first()\nif user is None:\n    return None\nreturn [user.name, len(user.addresses)]",
        "user = session.query(User).filter(User.age == 30).order_by(User.id).first()\nif user is None:\n    return None\nreturn [user.name, len(user.addresses)]",
    ),
    "fixers_b_entity_first_none": (
        "user = session.execute(select(User).where(User.age == 99)).first()\nif user is None:\n    return 'none'\nreturn user.name",
        "user = session.query(User).filter(User.age == 99).first()\nif user is None:\n    return 'none'\nreturn user.name",
    ),
}


def _module(body: str) -> str:
    inner = "".join(f"    {line}\n" for line in body.splitlines())
    return f"{HEADER}\n\ndef run(session: Session, conn: Connection):\n{inner}"


def _run(python: Path, folder: Path, mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [str(python), str(HERE / "runner.py"), str(folder), mode, *CASES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    python14 = _sa14_python()
    folders = {k: tmp_path_factory.mktemp(k) for k in ("legacy", "intent", "fixed")}
    for kind, folder in folders.items():
        shutil.copy(HERE / "bmodels.py", folder / "bmodels.py")
        for name, (legacy, intent) in CASES.items():
            (folder / f"{name}.py").write_text(_module(intent if kind == "intent" else legacy))
    fixed = folders["fixed"]
    git(fixed, "init", "-q")
    checkout = open_checkout(fixed)
    result = Scanner(checkout, use_cache=False).run()
    applied: dict[str, list[str]] = {}
    for name in CASES:
        proposal = propose(checkout, result, f"{name}.py", rules=["SQ506"])
        applied[name] = [f.rule for f in proposal.fixed] if proposal else []
        if proposal:
            (fixed / f"{name}.py").write_text(proposal.new_text)
    return {
        "legacy": _run(python14, folders["legacy"], "legacy"),
        "intent": _run(python14, folders["intent"], "legacy"),
        "fixed": _run(Path(sys.executable), fixed, "fixed"),
        "applied": applied,
        "sources": {name: (fixed / f"{name}.py").read_text() for name in CASES},
    }


@pytest.mark.parametrize("name", list(CASES))
def test_entity_rows_fix_gives_the_intended_objects(name: str, outcomes: dict[str, Any]) -> None:
    source = outcomes["sources"][name]
    assert outcomes["applied"][name] == ["SQ506"], source
    legacy = outcomes["legacy"][name]
    if name != "fixers_b_entity_first_none":  # no row: the legacy code never touched one
        assert legacy[:2] == ["raise", "AttributeError"], f"the legacy form worked on 1.4: {legacy}"
    assert outcomes["fixed"][name] == outcomes["intent"][name], f"fixed code:\n{source}"
