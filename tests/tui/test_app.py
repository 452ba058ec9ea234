"""Pilot tests: drive every action and check the domain (files, state file, session)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sqla_assist.core.config import Config
from sqla_assist.tui.bindings import ACTIONS
from sqla_assist.tui.modals import HelpScreen, Prompt
from sqla_assist.tui.review import FileTree, ReviewScreen
from tests.tui.conftest import AppFactory, scanned

HAVE_FIX_STATE = all(
    importlib.util.find_spec(m) is not None for m in ("sqla_assist.core.fix", "sqla_assist.core.state")
)
needs_fix_state = pytest.mark.skipif(
    not HAVE_FIX_STATE, reason="sqla_assist.core.fix / core.state have not landed on this branch yet"
)

DEMO_FILES = ["shop/db.py", "shop/models.py", "shop/reports.py", "shop/services.py"]


async def test_scan_streams_into_the_tree_with_relative_paths(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert list(app.session.visible()) == DEMO_FILES
        tree = screen.query_one(FileTree)
        assert [n.data for n in tree.file_nodes()] == DEMO_FILES
        assert app.session.settled and not app.session.scanning
        assert screen.path == "shop/db.py"
        for path in app.session.files:
            assert not Path(path).is_absolute()


async def test_files_streaming_in_out_of_order_do_not_count_as_the_users_choice(make_app: AppFactory) -> None:
    """A file inserted above the cursor makes Textual re-announce the cursor's node; only a move
    the user made may pin the view, or the finished scan shows whichever file streamed in first."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        tree = screen.query_one(FileTree)
        # replay a scan where only services.py streamed in; the finished scan adds the rest above it
        for path in ("shop/db.py", "shop/models.py", "shop/reports.py"):
            tree._drop(path)
        screen.chosen = False
        screen.path = "shop/services.py"
        tree.select_path("shop/services.py")
        await pilot.pause()
        screen.scan_finished()
        tree._tree_lines  # noqa: B018 - lay the lines out now, as a paint would, before the panes follow
        for _ in range(3):
            await pilot.pause()
        assert not screen.chosen
        assert screen.path == "shop/db.py"
        # a move the user makes does pin it
        tree.focus()
        await pilot.press("down")
        await pilot.pause()
        assert screen.chosen and screen.path == "shop/models.py"


async def test_next_previous_file_and_rule_docs_follow(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("n", "n")
        assert screen.path == "shop/reports.py"
        assert screen.finding is not None and screen.finding.rule == "SQ601"
        await pilot.press("n", "n")
        assert screen.path == "shop/db.py"  # wraps around
        await pilot.press("p")
        assert screen.path == "shop/services.py"
        # the Findings tab lists the file's findings; moving in it changes the rule page
        await pilot.press("2")
        await pilot.pause()
        screen.query_one("#main").active = "tab-findings"  # type: ignore[attr-defined]
        await pilot.press("2")
        await pilot.press("down")
        await pilot.pause()
        assert screen.finding is not None and screen.finding.rule == "SQ102"
        doc = screen.query_one("#doc")
        assert "SQ102" in doc.markdown  # type: ignore[attr-defined]


async def test_filter_by_rule_category_severity_and_path(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"rule:SQ40", "enter")
        await pilot.pause()
        assert list(app.session.visible()) == ["shop/reports.py", "shop/services.py"]
        assert all(f.rule.startswith("SQ40") for fs in app.session.visible().values() for f in fs)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.path == "shop/reports.py"
        for text, expected in [
            ("category:models", ["shop/db.py", "shop/models.py"]),
            ("severity:breaks", ["shop/reports.py", "shop/services.py"]),
            ("services", ["shop/services.py"]),
            ("", DEMO_FILES),
        ]:
            await pilot.press("slash", "end", "ctrl+u", *text, "enter")
            await pilot.pause()
            assert list(app.session.visible()) == expected, text


async def test_rescan_picks_up_edits_made_outside(make_app: AppFactory, demo_root: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        (demo_root / "shop" / "extra.py").write_text(
            "def f(session, User):\n    return session.query(User).all()\n", encoding="utf-8"
        )
        await pilot.press("R")
        await scanned(pilot)
        assert "shop/extra.py" in app.session.visible()
        assert [f.rule for f in app.session.visible()["shop/extra.py"]] == ["SQ101"]


async def test_dashboard_help_and_theme(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        await pilot.press("D")
        assert app.screen.id == "dashboard"
        summary = str(app.screen.query_one("#dash-summary").render())
        total = sum(len(v) for v in app.session.visible().values())
        assert total > 0
        assert f"{total} finding(s)" in summary and f"0/{total} decided" in summary
        await pilot.press("D")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        ids = [table.get_row_at(i)[1] for i in range(table.row_count)]  # type: ignore[attr-defined]
        assert set(ids) >= {a.id for a in ACTIONS}
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert app.current_theme.dark
        await pilot.press("T")
        assert not app.current_theme.dark


async def test_keys_are_remappable_from_config(make_app: AppFactory) -> None:
    app = make_app(Config(keys={"next_file": "j", "dashboard": "g"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("j")
        assert screen.path == "shop/models.py"
        await pilot.press("n")  # the old key no longer moves
        assert screen.path == "shop/models.py"
        await pilot.press("g")
        assert app.screen.id == "dashboard"


async def test_command_palette_reaches_files_and_actions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"file: shop/services")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.path == "shop/services.py"
        await pilot.press("ctrl+p", *"Dashboard")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen.id == "dashboard"


async def test_quit_cancels_the_scan(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app._cancel.is_set()
    assert app.return_code in (0, None)


# -- decisions (need core.fix and core.state) -------------------------------------------------
@needs_fix_state
async def test_skip_file_records_reason_and_undo_removes_it(make_app: AppFactory, demo_root: Path) -> None:
    from sqla_assist.core.state import load_state

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        await pilot.press("n", "n")
        await pilot.press("s")
        assert isinstance(app.screen, Prompt)
        await pilot.press("enter")  # empty reason is refused
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"owned by reporting team", "enter")
        await pilot.pause()
        decision = load_state(demo_root).file_decision("shop/reports.py")
        assert decision is not None and decision.reason == "owned by reporting team"
        assert app.session.glyph("shop/reports.py").value == "skipped"
        await pilot.press("z")
        await pilot.pause()
        assert load_state(demo_root).file_decision("shop/reports.py") is None


@needs_fix_state
async def test_accept_file_writes_fixes_and_records_them(make_app: AppFactory, demo_root: Path) -> None:
    from sqla_assist.core.state import load_state

    app = make_app()
    before = {p: (demo_root / p).read_text() for p in DEMO_FILES}
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        proposals = {p: app.session.proposal(p) for p in DEMO_FILES}
        fixable = [
            p
            for p, prop in proposals.items()
            if prop is not None and any(not h.unsafe for h in prop.hunks) and not app.session.model_fixes(p)
        ]
        if not fixable:
            pytest.skip("no rule on this branch proposes a safe fix for the demo project yet")
        target = fixable[0]
        from sqla_assist.core.fix import propose

        expected = propose(app.session.checkout, app.session.result(), target)
        assert expected is not None
        screen.go_to(target)
        await pilot.press("a")
        await pilot.pause()
        assert (demo_root / target).read_text() == expected.new_text != before[target]
        decided = load_state(demo_root).decisions_in(target)
        assert {d.fingerprint for d in decided} == {f.fingerprint for f in expected.fixed}
        assert {d.kind.value for d in decided} == {"accepted"}
        assert app.session.glyph(target).value == "applied"
        # undo restores the file byte for byte
        await pilot.press("z")
        await pilot.pause()
        assert (demo_root / target).read_text() == before[target]
