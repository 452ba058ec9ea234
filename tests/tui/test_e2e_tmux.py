"""End to end: the real `sqla-assist` in tmux on a temporary demo repo.

Open, navigate, accept a file, skip one with a reason, quit; then the file on disk is rewritten
and the state file holds both decisions.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from sqla_assist.demo import make_demo_repo
from tests.conftest import REPO_ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _wait_for(session: str, text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; last screen:\n{screen}")


def test_accept_skip_quit_in_tmux(tmp_path: Path) -> None:
    root = make_demo_repo(tmp_path / "shop")
    before = (root / "shop" / "db.py").read_text()
    session = f"sqla-{uuid.uuid4().hex[:8]}"
    env = f"PYTHONPATH={REPO_ROOT} TERM=xterm-256color"
    cmd = f"cd {root} && {env} {sys.executable} -m sqla_assist . ; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", cmd)
    try:
        _wait_for(session, "files scanned")
        _wait_for(session, "db.py")
        # first file is shop/db.py: accept its safe fix. Its fix touches the models, so
        # accept-all waits for the Alembic preview (a child process); retry until it has run.
        for _attempt in range(30):
            _tmux("send-keys", "-t", session, "a")
            try:
                _wait_for(session, "fix(es) written", timeout=3.0)
                break
            except AssertionError:
                continue
        _wait_for(session, "fix(es) written")
        # next file, skip it with a reason
        _tmux("send-keys", "-t", session, "n", "n")  # past shop/models.py to shop/reports.py
        time.sleep(0.5)
        _tmux("send-keys", "-t", session, "s")
        _wait_for(session, "why?")
        _tmux("send-keys", "-t", session, "-l", "owned by the reporting team")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, "skipped (owned by the reporting team)")
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "files scanned" in _tmux("capture-pane", "-p", "-t", session):
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

    after = (root / "shop" / "db.py").read_text()
    assert after != before
    # the file's safe fixes were written: SQ301 (import moved) and SQ302 (typed base class)
    assert "sqlalchemy.ext.declarative" not in after
    assert "class Base(DeclarativeBase)" in after
    compile(after, "db.py", "exec")
    state = (root / ".sqla-assist.toml").read_text()
    assert "accepted" in state
    assert "owned by the reporting team" in state and "skipped" in state
    assert str(root) not in state
    from sqla_assist.core.state import load_state

    loaded = load_state(root)
    assert loaded.file_decision("shop/reports.py") is not None
    assert loaded.file_decision("shop/reports.py").reason == "owned by the reporting team"  # type: ignore[union-attr]
    assert any(d.kind.value == "accepted" for d in loaded.decisions_in("shop/db.py"))
