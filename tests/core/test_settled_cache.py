"""The gathering pass's output is cached per tree: a warm rescan of an unchanged tree skips it,
and any change to any file (here: the module that makes a name a session factory) settles afresh."""

from __future__ import annotations

import pytest

from sqla_assist.core import scan as scan_module
from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

DB = "from sqlalchemy.orm import sessionmaker\n\nSessionLocal = sessionmaker()\n"
NOT_A_FACTORY = "def SessionLocal():\n    return object()\n"
SERVICE = (
    "from pkg.db import SessionLocal\nfrom pkg.models import User\n\n\n"
    "def load(uid):\n    s = SessionLocal()\n    return s.query(User).get(uid)\n"
)


def _rows(repo: Repo, **kwargs: object) -> list[tuple[str, str, int, str, str, str]]:
    result = Scanner(open_checkout(repo.root), workers=1, **kwargs).run()  # type: ignore[arg-type]
    return [(f.path, f.rule, f.line, f.evidence.value, f.fix.value, f.fingerprint) for f in result.findings]


@pytest.fixture
def project(repo: Repo) -> Repo:
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/db.py", DB)
    repo.write("pkg/models.py", "class User:\n    pass\n")
    repo.write("pkg/svc.py", SERVICE)
    repo.commit()
    return repo


def test_a_warm_rescan_skips_the_gathering_pass(project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _rows(project)
    assert [(r[1], r[3]) for r in cold] == [("SQ107", "strong")]  # settled across modules

    class NoPass:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("the gathering pass ran on an unchanged tree")

    monkeypatch.setattr(scan_module, "ProjectFacts", NoPass)
    assert _rows(project) == cold


def test_a_change_in_another_module_settles_afresh(project: Repo) -> None:
    before = _rows(project)
    project.write("pkg/db.py", NOT_A_FACTORY)
    after = _rows(project)
    assert after == _rows(project, use_cache=False)
    assert [(r[1], r[3], r[4]) for r in after] == [("SQ107", "weak", "unsafe")]
    assert after != before
    # and back: the earlier tree's answer is computed again, not mixed up with the later one
    project.write("pkg/db.py", DB)
    assert _rows(project) == before


def test_a_damaged_settled_entry_is_ignored(project: Repo) -> None:
    cold = _rows(project)
    checkout = open_checkout(project.root)
    db = Scanner(checkout, workers=1).cache
    assert db is not None and db._db is not None
    with db._db:
        db._db.execute("UPDATE settled SET payload = ?", ('{"pkg/svc.py": [["bad"]]}',))
    db.close()
    assert _rows(project) == cold
