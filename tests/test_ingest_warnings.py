"""`ingest-warnings`: SQLAlchemy 2.0 warnings from a real run, attributed to checkout frames."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CliRunner, Repo

APP = '''from sqlalchemy import Column, Integer, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)


def everyone(session: Session):
    return session.query(User).all()


def hidden(session):
    q = session.query
    return q(User).get(1)


def main():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        everyone(session)
        hidden(session)


main()
'''


def test_runtime_warnings_match_findings_and_reveal_missed_sites(repo: Repo, cli: CliRunner, tmp_path: Path) -> None:
    repo.write("app.py", APP)
    repo.commit()
    env = dict(os.environ, SQLALCHEMY_WARN_20="1", PYTHONWARNINGS="always")
    run = subprocess.run([sys.executable, "app.py"], cwd=repo.root, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "app.py:19: LegacyAPIWarning" in run.stderr  # the real warning, from SQLAlchemy itself
    log = tmp_path / "warnings.txt"
    log.write_text(
        run.stderr
        # SQLAlchemy 1.4 warns on Query.all(); 2.x no longer does, so its pytest-summary line is written here
        + "tests/test_app.py::test_everyone\n"
        + "  app.py:14: RemovedIn20Warning: The Query.all() method is legacy (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)\n"
        # a warning whose only frame is library code: not attributable
        + "/usr/lib/python3/site-packages/x.py:3: RemovedIn20Warning: elsewhere\n"
        # `-W error`: a traceback; the innermost frame inside the checkout is the one
        + "Traceback (most recent call last):\n"
        + f'  File "{repo.root}/app.py", line 25, in main\n'
        + f'  File "{repo.root}/app.py", line 14, in everyone\n'
        + '  File "/venv/lib/site-packages/sqlalchemy/orm/query.py", line 99, in all\n'
        + "sqlalchemy.exc.RemovedIn20Warning: The Query.all() method is legacy\n",
        encoding="utf-8",
    )
    proc = cli("ingest-warnings", str(log), str(repo.root), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    # declarative_base() warns (MovedIn20Warning) where it is called: SQ302's line
    assert [(f["line"], f["rule"], f["times"]) for f in doc["seen_at_runtime"]] == [(5, "SQ302", 1), (14, "SQ101", 2)]
    only = {(w["line"], w["warning"]) for w in doc["runtime_only"]}
    # `q = session.query; q(User).get(1)` hides from the scan; the run does not
    assert (19, "LegacyAPIWarning") in only
    assert doc["unattributed"] == 1
    text = cli("ingest-warnings", str(log), str(repo.root), cwd=tmp_path)
    assert "app.py:14:12 SQ101" in text.stdout and "[seen at runtime ×2]" in text.stdout
    assert "app.py:19 LegacyAPIWarning: The Query.get() method" in text.stdout
