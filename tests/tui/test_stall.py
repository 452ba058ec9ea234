"""Work the app leaves out to keep the event loop responsive (issue #6), checked on what it draws."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static, Tree

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.core.scan import Scanner
from sqla_assist.tui import app as app_module
from sqla_assist.tui import footer as footer_module
from sqla_assist.tui.app import create_app
from sqla_assist.tui.footer import QuietFooter
from sqla_assist.tui.quiet_gc import full_paused
from sqla_assist.tui.review import FileTree, ReviewScreen
from sqla_assist.tui.session import Session
from tests.conftest import Repo
from tests.tui.conftest import AppFactory, idle, scanned


class _CountingFooter(QuietFooter):
    def __init__(self) -> None:
        super().__init__()
        self.rebuilds = 0

    async def recompose(self) -> None:
        self.rebuilds += 1
        await super().recompose()


class _TwoInputs(App[None]):
    BINDINGS = [Binding("ctrl+o", "noop", "Open", id="open")]

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")
        yield _CountingFooter()


async def _first_build(pilot: Any, footer: _CountingFooter) -> None:
    for _ in range(200):
        if footer.children:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def test_footer_is_first_built_a_while_after_the_first_paint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built right after the first paint, the footer's widget per key would be mounted and laid
    out in the same turn of the event loop as that paint: the app's longest start-up stall."""
    monkeypatch.setattr(footer_module, "FIRST_BUILD_DELAY", 0.5)
    app = _TwoInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(_CountingFooter)
        assert footer.rebuilds == 0 and not footer.children  # the first paint drew no keys
        await _first_build(pilot, footer)
        assert footer.rebuilds == 1
        assert "Open" in [k.description for k in footer.children]  # type: ignore[attr-defined]


async def test_footer_rebuilds_only_when_its_keys_change() -> None:
    app = _TwoInputs()
    async with app.run_test() as pilot:
        footer = app.query_one(_CountingFooter)
        await _first_build(pilot, footer)
        rebuilds = footer.rebuilds
        keys = list(footer.children)
        assert "Open" in [k.description for k in keys]  # type: ignore[attr-defined]
        # focus moves between widgets that show the same keys: the footer is not rebuilt
        app.query_one("#b").focus()
        await pilot.pause()
        app.query_one("#a").focus()
        await pilot.pause(0.1)  # a rebuild runs after the next refresh
        assert footer.rebuilds == rebuilds
        # a keymap change alters a key it shows: rebuilt, with the new key
        app.set_keymap({"open": "f5"})
        await pilot.pause(0.1)
        assert footer.rebuilds == rebuilds + 1
        assert "f5" in [k.key for k in footer.children]  # type: ignore[attr-defined]


async def test_file_tree_measures_labels_like_tree(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(pilot)
        tree = app.screen.query_one(FileTree)
        extra = tree.root.add("collapsed")
        extra.add_leaf(Text.assemble(("● ", "bold"), "módulo_ü.py", (" 3", "dim")))
        nodes = [tree.root, extra, *extra.children, *tree.packages.values(), *tree.nodes.values()]
        assert len(nodes) > 4
        for node in nodes:
            assert tree.get_label_width(node) == Tree.get_label_width(tree, node)


CLEAN = "def f{i}(x):\n    return x + {i}\n"
LEGACY = "def f{i}(session, User):\n    return session.query(User).get({i})\n"
TWICE = "def f{i}(session, User):\n    a = session.query(User).get({i})\n    return session.query(User).get(a)\n"
FILES = 90


async def test_a_streamed_scan_draws_every_file_and_then_the_first_ones_panes(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results arrive one file per message (many more than one UI flush draws); the tree is
    updated first and the panes a refresh later, the proposal after that. At the end every
    file with findings is in the tree with the session's count, and the panes show (and the
    proposal is made for) the tree's first file."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for i in range(FILES):
        body = (LEGACY, TWICE, CLEAN)[i % 3]
        repo.write(f"pkg/sub{i % 4}/m{i:03d}.py", body.format(i=i))
    for d in range(4):
        repo.write(f"pkg/sub{d}/__init__.py", "")
    repo.write("pkg/__init__.py", "")
    repo.commit()
    monkeypatch.setattr(app_module, "_COALESCE_SECONDS", 0.0)  # the worker posts every file
    paused_while_streaming: list[bool] = []
    add = Session.add

    def recording_add(self: Session, results: Any) -> None:
        if self.scanning:
            paused_while_streaming.append(full_paused())
        add(self, results)

    monkeypatch.setattr(Session, "add", recording_add)
    thresholds = gc.get_threshold()

    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(pilot)
        await idle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        tree = screen.query_one(FileTree)
        visible = app.session.visible()
        expected = {f"pkg/sub{i % 4}/m{i:03d}.py": 1 + (i % 3 == 1) for i in range(FILES) if i % 3 != 2}
        assert {p: len(fs) for p, fs in visible.items()} == expected
        assert tree.counts == expected
        assert set(tree.nodes) == set(expected)
        for package, order in tree.order.items():
            total = sum(expected[p] for _m, p in order)
            assert str(tree.packages[package].label) == f"{package} ({total})"
        assert str(tree.root.label) == f"{len(expected)} files · {sum(expected.values())} findings"
        # the panes follow the tree's first file, with its findings and its proposal
        first = tree.file_nodes()[0].data
        assert screen.path == first and tree.cursor_node is tree.nodes[first]
        assert screen.query_one("#findings", OptionList).option_count == expected[first]
        assert app.session.has_proposal(first)
        # full collections waited for the scan's end, then the usual thresholds came back
        assert paused_while_streaming and all(paused_while_streaming)
        assert not full_paused() and gc.get_threshold() == thresholds


async def test_a_large_batch_joins_the_tree_a_capped_number_of_files_per_update(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker posts the first findings, then every other file in one message (as a burst
    of cached results does); the tree takes at most `_UI_BATCH` files per update, the rest on
    the next turns, and ends with every file and count while the scan is still running."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for i in range(FILES):
        repo.write(f"pkg/m{i:03d}.py", (LEGACY, TWICE, CLEAN)[i % 3].format(i=i))
    repo.write("pkg/__init__.py", "")
    repo.commit()
    monkeypatch.setattr(app_module, "_COALESCE_SECONDS", 600.0)  # one message after the first findings
    monkeypatch.setattr(app_module, "_UI_MIN_SECONDS", 0.01)
    monkeypatch.setattr(app_module, "_UI_MAX_SECONDS", 0.01)
    monkeypatch.setattr(app_module, "_UI_BATCH", 7)
    release = threading.Event()
    settle = Scanner.settle

    def held_settle(self: Scanner, *args: Any, **kwargs: Any) -> None:
        release.wait(30)  # the streamed results stay on screen until the test has looked
        settle(self, *args, **kwargs)

    monkeypatch.setattr(Scanner, "settle", held_settle)
    drawn: list[int] = []
    files_changed = ReviewScreen.files_changed

    def recording(self: ReviewScreen, paths: list[str]) -> None:
        drawn.append(len(paths))
        files_changed(self, paths)

    monkeypatch.setattr(ReviewScreen, "files_changed", recording)

    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            tree = app.screen.query_one(FileTree)
            every = FILES + 1  # and pkg/__init__.py
            for _ in range(400):
                if sum(drawn) >= every:
                    break
                await pilot.pause(0.025)
            assert app.session.scanning  # still streaming: settle is held
            assert len(app.session.files) == every and not app._undrawn
            assert sum(drawn) == every and max(drawn) <= 7 and len(drawn) >= every // 7
            expected = {f"pkg/m{i:03d}.py": 1 + (i % 3 == 1) for i in range(FILES) if i % 3 != 2}
            assert tree.counts == expected == {p: len(fs) for p, fs in app.session.visible().items()}
            assert str(tree.root.label) == f"{len(expected)} files · {sum(expected.values())} findings"
        finally:
            release.set()
        await scanned(pilot)
        assert tree.counts == expected


async def test_the_file_shown_while_streaming_gets_its_proposal_once_the_scan_has_settled(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proposal made while results stream in is dropped when the scan settles, and making it
    costs the worker a second of GIL time the event loop needs: the file the scan happens to
    show first waits for the settled scan, and its proposal is made once. A file the user
    picks while the scan runs gets its proposal at once."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for i in range(6):
        repo.write(f"pkg/m{i}.py", LEGACY.format(i=i))
    repo.write("pkg/__init__.py", "")
    repo.commit()
    release = threading.Event()
    settle = Scanner.settle

    def held_settle(self: Scanner, *args: Any, **kwargs: Any) -> None:
        release.wait(30)
        settle(self, *args, **kwargs)

    monkeypatch.setattr(Scanner, "settle", held_settle)
    proposed: list[tuple[str, bool]] = []
    compute = Session.compute_proposal

    def recording(self: Session, path: str, files: Any) -> Any:
        proposed.append((path, self.scanning))
        return compute(self, path, files)

    monkeypatch.setattr(Session, "compute_proposal", recording)

    checkout = open_checkout(repo.root)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            for _ in range(400):
                if len(app.session.files) == 7 and screen.path is not None:
                    break
                await pilot.pause(0.025)
            await pilot.pause(0.2)  # a proposal worker, had one started, would have run by now
            first = screen.path
            assert app.session.scanning and first is not None
            diff = str(screen.query_one("#diff", Static).content)
            assert "prepared when the scan has finished" in diff
            assert proposed == []
            # the user picks another file: its proposal is made while the scan still runs
            other = next(p for p in screen.query_one(FileTree).nodes if p != first)
            screen.go_to(other)
            for _ in range(400):
                if app.session.has_proposal(other):
                    break
                await pilot.pause(0.025)
            assert proposed == [(other, True)]
        finally:
            release.set()
        await scanned(pilot)
        await idle(pilot)
        # the user's choice stays on screen; its proposal is made again from settled evidence
        assert screen.path == other
        assert proposed == [(other, True), (other, False)]
