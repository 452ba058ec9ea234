"""Work the app leaves out to keep the event loop responsive (issue #6), checked on what it draws."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Tree

from sqla_assist.tui.footer import QuietFooter
from sqla_assist.tui.review import FileTree
from tests.tui.conftest import AppFactory, scanned


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


async def test_footer_rebuilds_only_when_its_keys_change() -> None:
    app = _TwoInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(_CountingFooter)
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
