"""The app follows a streaming scan in a bounded number of redraws (issue #6).

Every tree change costs Textual a full-screen reflow and repaint, so redrawing per result (or
per worker batch) is what made the app stall on large trees. Here the worker is made to post
one message per file and the redraw interval is made longer than the scan: the tree must then
be drawn once for the first findings (while the scan still runs) and once from the settled
results, whatever the number of files. Counts, not timings.
"""

from __future__ import annotations

from typing import Any

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.tui import app as app_module
from sqla_assist.tui.app import create_app
from sqla_assist.tui.review import FileTree, ReviewScreen
from sqla_assist.tui.session import Session
from tests.conftest import Repo
from tests.tui.conftest import scanned

CLEAN = "def f{i}(x):\n    return x + {i}\n"
LEGACY = "def f{i}(session, User):\n    return session.query(User).get({i})\n"
FILES = 60


async def test_a_streamed_scan_redraws_the_tree_a_bounded_number_of_times(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for i in range(FILES):
        repo.write(f"pkg/m{i:03d}.py", (LEGACY if i % 3 == 0 else CLEAN).format(i=i))
    repo.write("pkg/__init__.py", "")
    repo.commit()
    monkeypatch.setattr(app_module, "_COALESCE_SECONDS", 0.0)  # the worker posts every file
    monkeypatch.setattr(app_module, "_UI_MIN_SECONDS", 600.0)  # no timed flush during the test
    monkeypatch.setattr(app_module, "_UI_MAX_SECONDS", 600.0)

    calls: dict[str, int] = {"update_paths": 0, "rebuild": 0, "add": 0}
    first_draw: list[tuple[bool, int]] = []  # (scan still running, files in the tree)

    def counting(cls: Any, name: str) -> None:
        original = getattr(cls, name)

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    counting(FileTree, "update_paths")
    counting(FileTree, "rebuild")
    counting(Session, "add")
    files_changed = ReviewScreen.files_changed

    def record(self: ReviewScreen, paths: list[str]) -> None:
        files_changed(self, paths)
        if not first_draw:
            first_draw.append((self.session.scanning, len(self.query_one(FileTree).nodes)))

    monkeypatch.setattr(ReviewScreen, "files_changed", record)

    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(pilot)
        tree = app.screen.query_one(FileTree)
        assert len(tree.nodes) == FILES // 3  # every file with findings is in the tree
        # the worker streamed many batches (one per file, plus the settled results)...
        assert calls["add"] >= FILES
        # ...and the first findings were drawn while the scan was running,
        assert first_draw and first_draw[0][0] and first_draw[0][1] >= 1
        # in one incremental update; the tree is built on mount and updated in place when settled
        assert calls["update_paths"] == 3  # on mount, the first findings, the settled results
        assert calls["rebuild"] == 1
        assert app.scan_redraws == 1
