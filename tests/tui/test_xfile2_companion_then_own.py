"""Accept a fix in file A that also edits file B, then open B: B's proposal comes from B's new bytes.

app/user.py's backref fix writes the reverse side into app/order.py, which has typed-model fixes
of its own. B's proposal was already prepared (the user looked at B first); after A's write it
must be dropped and made again from the rescanned B, so accepting a hunk of B keeps A's edit.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from sqla_assist.tui.app import create_app
from sqla_assist.tui.review import ReviewScreen
from sqla_assist.tui.session import Session
from tests.conftest import Repo
from tests.tui.conftest import scanned
from tests.xfile_project import FILES, make_project

A = "app/user.py"
B = "app/order.py"
REVERSE = '    customer = relationship("User", back_populates="orders", lazy="joined")\n'


def _diff_text(screen: ReviewScreen) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one("#diff", Static).content)
    return console.export_text()


async def _ready(pilot: Pilot[None], screen: ReviewScreen, path: str) -> None:
    """Wait until `path` is shown with a proposal made after every pending rescan."""
    session = screen.session
    for _ in range(1200):
        if screen.path == path and not session.rescanning and session.has_proposal(path) and screen.hunks():
            break
        await pilot.pause(0.025)
    await pilot.pause()
    assert screen.path == path and not session.rescanning and screen.hunks()


async def test_accepting_a_then_b_keeps_the_edit_a_made_to_b(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "project").mkdir()
    repo = Repo(tmp_path / "project")
    make_project(repo)
    checkout = open_checkout(repo.root)
    # Rescans after a write wait for `release`: the test looks at the app in that window.
    release = threading.Event()
    release.set()
    real_scan_file = Session.scan_file

    def held(self: Session, path: str, files: dict[str, Any], settled: bool) -> list[Any]:
        release.wait(60)
        return real_scan_file(self, path, files, settled)

    monkeypatch.setattr(Session, "scan_file", held)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        session = app.session

        # B first: its proposal is prepared from its original bytes and cached.
        screen.go_to(B)
        await _ready(pilot, screen, B)
        before = session.proposal(B)
        assert before.old_text == FILES[B]

        # A: accept the one hunk of the backref fix that writes into B.
        screen.go_to(A)
        await _ready(pilot, screen, A)
        release.clear()
        hunks = screen.hunks()
        target = next(i for i, h in enumerate(hunks) if h.path == B)
        for _ in range(target):
            await pilot.press("l")
        await pilot.press("y")
        on_disk = (repo.root / B).read_text()
        assert on_disk.endswith(REVERSE) and on_disk != FILES[B]
        # At once, while B is rescanned: never the proposal made from B's old bytes, and no
        # attempt to propose from the old scan (it would fail as stale and mark B failed).
        assert B in session.rescanning  # held until `release` is set
        assert session.proposal(B) is not before
        assert B not in session.failed
        screen.go_to(B)
        await pilot.pause()
        assert "Rescanning after the write" in _diff_text(screen)
        release.set()

        # B again: the proposal is the rescanned file's, computed independently here too.
        screen.go_to(B)
        await _ready(pilot, screen, B)
        now = session.proposal(B)
        assert now.old_text == on_disk and now.blob == session.files[B].blob
        fresh = Scanner(checkout, use_cache=False).run()
        expected_all = propose(checkout, fresh, B, unsafe=True)
        assert expected_all is not None and now.new_text == expected_all.new_text
        hunk = screen.hunks()[0]
        assert hunk.path in ("", B) and hunk.fingerprints
        expected = propose(checkout, fresh, B, fingerprints=hunk.fingerprints, unsafe=hunk.unsafe)
        assert expected is not None and expected.new_text != on_disk

        await pilot.press("y")
        await pilot.pause()
        written = (repo.root / B).read_text()
        assert written == expected.new_text
        assert written.endswith(REVERSE)  # A's edit to B survived B's own fix
        assert "mapped_column(" in written or "Mapped[" in written  # and B's own fix is there
        assert B not in session.failed and A not in session.failed
