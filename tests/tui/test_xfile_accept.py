"""The app and a fix that edits two files: the other file's hunks are shown, written and undone with it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.core.fix import propose
from sqla_assist.core.state import load_state
from sqla_assist.tui.app import create_app
from sqla_assist.tui.review import ReviewScreen
from tests.conftest import Repo
from tests.tui.conftest import scanned
from tests.xfile_project import ADDRESS_AFTER, FILES, make_project

USER_PY = "app/user.py"


def _diff_pane(screen: ReviewScreen) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one("#diff", Static).content)
    return console.export_text()


async def _settled(pilot: Pilot[None], screen: ReviewScreen) -> None:
    """Wait for the proposal of the current file and for every single-file rescan."""
    for _ in range(800):
        if screen.session.has_proposal(USER_PY) and not screen.session.rescanning and screen.hunks():
            break
        await pilot.pause(0.025)
    await pilot.pause()


async def test_accepting_a_hunk_of_the_other_file_writes_the_pair_and_undo_restores_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "project").mkdir()
    repo = Repo(tmp_path / "project")
    make_project(repo)
    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.go_to(USER_PY)
        await _settled(pilot, screen)
        hunks = screen.hunks()
        assert {h.path for h in hunks} == {USER_PY, "app/address.py", "app/order.py"}
        target = next(i for i, h in enumerate(hunks) if h.path == "app/address.py" and "user: Mapped" in h.text)
        for _ in range(target):
            await pilot.press("l")
        await pilot.pause()
        shown = _diff_pane(screen)
        assert f"▶ app/address.py  {hunks[target].header}" in shown
        assert "app/order.py  @@" in shown  # the other companion's hunks are listed too, with their file

        hunk = hunks[target]
        expected = propose(checkout, app.session.result(), USER_PY, fingerprints=hunk.fingerprints)
        assert expected is not None and [c.path for c in expected.companions] == ["app/address.py"]
        await pilot.press("y")
        await pilot.pause()
        assert (repo.root / USER_PY).read_text() == expected.new_text
        assert (repo.root / "app/address.py").read_text() == ADDRESS_AFTER
        assert (repo.root / "app/order.py").read_text() == FILES["app/order.py"]  # that fix was not taken
        decided = {d.fingerprint: d.kind.value for d in load_state(repo.root).decisions_in(USER_PY)}
        assert decided == {fp: "accepted" for fp in hunk.fingerprints}

        # both written files are rescanned: the remaining proposal starts from their new bytes
        await _settled(pilot, screen)
        remaining = app.session.proposal(USER_PY)
        assert [c.path for c in remaining.companions] == ["app/order.py"]
        assert app.session.files["app/address.py"].blob != expected.companions[0].blob

        await pilot.press("z")
        await pilot.pause()
        assert {rel: (repo.root / rel).read_text() for rel in FILES} == FILES
