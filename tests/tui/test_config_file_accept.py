"""The app and a configuration file: it sits in its own tree group, its diff shows, accepting writes it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.core.state import load_state
from sqla_assist.tui.app import create_app
from sqla_assist.tui.review import FileTree, ReviewScreen
from sqla_assist.tui.session import CONFIG_GROUP
from tests.conftest import Repo
from tests.tui.conftest import scanned

MYPY_INI = "mypy.ini"


async def _proposal_shown(pilot: Pilot[None], screen: ReviewScreen) -> None:
    for _ in range(800):
        if screen.session.has_proposal(MYPY_INI) and not screen.session.rescanning and screen.hunks():
            break
        await pilot.pause(0.025)
    await pilot.pause()


async def test_accepting_the_config_file_fix_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "project").mkdir()
    repo = Repo(tmp_path / "project")
    repo.write(MYPY_INI, "[mypy]\nplugins =\n    sqlalchemy.ext.mypy.plugin,\n    pydantic.mypy\nstrict = True\n")
    repo.write("app/__init__.py", "")
    repo.write("app/db.py", "from sqlalchemy.orm import Session\n\ndef load(s: Session):\n    return s.query(User).all()\n")
    repo.commit()
    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        tree = screen.query_one(FileTree)
        assert tree.where[MYPY_INI] == CONFIG_GROUP
        assert str(tree.packages[CONFIG_GROUP].label) == f"{CONFIG_GROUP} (1)"

        screen.go_to(MYPY_INI)
        await _proposal_shown(pilot, screen)
        [hunk] = screen.hunks()
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(screen.query_one("#diff", Static).content)
        assert "-    sqlalchemy.ext.mypy.plugin," in console.export_text()

        await pilot.press("y")
        await pilot.pause()
        assert (repo.root / MYPY_INI).read_text() == "[mypy]\nplugins =\n    pydantic.mypy\nstrict = True\n"
        decided = {d.fingerprint: d.kind.value for d in load_state(repo.root).decisions_in(MYPY_INI)}
        assert decided == {fp: "accepted" for fp in hunk.fingerprints} and decided
