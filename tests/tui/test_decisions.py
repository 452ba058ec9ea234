"""Pilot tests for the per-hunk, manual and failure paths: files on disk and the state file."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import propose
from sqla_assist.core.state import load_state
from sqla_assist.tui.modals import Prompt
from sqla_assist.tui.review import FileTree, ReviewScreen
from tests.tui.conftest import AppFactory, idle, scanned

SERVICES = "shop/services.py"


async def _on(pilot: Pilot[None], path: str) -> ReviewScreen:
    await scanned(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    screen.go_to(path)
    await pilot.pause()
    assert screen.path == path
    return screen


async def _rescanned(pilot: Pilot[None]) -> None:
    session = pilot.app.session  # type: ignore[attr-defined]
    for _ in range(400):
        if not session.rescanning:
            break
        await pilot.pause(0.025)
    assert not session.rescanning, "the single-file rescan did not finish"
    await pilot.pause()


async def test_accept_one_hunk_writes_exactly_that_hunk(make_app: AppFactory, demo_root: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on(pilot, SERVICES)
        hunks = screen.hunks()
        safe = [i for i, h in enumerate(hunks) if not h.unsafe]
        assert len(hunks) >= 3 and safe, [(h.header, h.unsafe, h.fingerprints) for h in hunks]
        for _ in range(safe[1]):
            await pilot.press("l")
        hunk = hunks[safe[1]]
        expected = propose(app.session.checkout, app.session.result(), SERVICES, fingerprints=hunk.fingerprints)
        # that hunk's fix (and the import it needs), nothing else
        assert expected is not None and {f.fingerprint for f in expected.fixed} == set(hunk.fingerprints)
        assert hunk.text in expected.diff
        others = {f.fingerprint for f in app.session.files[SERVICES].findings} - set(hunk.fingerprints)
        proposed = {f.fingerprint for f in app.session.proposal(SERVICES).fixed}
        await pilot.press("y")
        await pilot.pause()
        assert (demo_root / SERVICES).read_text() == expected.new_text
        state = load_state(demo_root)
        decided = {d.fingerprint: d.kind.value for d in state.decisions_in(SERVICES)}
        assert decided == {fp: "accepted" for fp in hunk.fingerprints}
        assert not others & set(decided)
        await _rescanned(pilot)
        # the fixed finding is gone, the rest are still proposed
        assert not set(hunk.fingerprints) & {f.fingerprint for f in app.session.files[SERVICES].findings}
        remaining = app.session.proposal(SERVICES)
        assert {f.fingerprint for f in remaining.fixed} == proposed - set(hunk.fingerprints)
        assert app.session.glyph(SERVICES).value == "applied"


async def test_skip_one_hunk_records_the_finding_and_keeps_the_file(make_app: AppFactory, demo_root: Path) -> None:
    app = make_app()
    before = (demo_root / SERVICES).read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on(pilot, SERVICES)
        await pilot.press("l")
        hunk = screen.hunks()[1]
        await pilot.press("x")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"legacy on purpose", "enter")
        await pilot.pause()
        assert (demo_root / SERVICES).read_bytes() == before
        state = load_state(demo_root)
        decided = [d for d in state.decisions_in(SERVICES)]
        assert {d.fingerprint for d in decided} == set(hunk.fingerprints)
        assert {(d.kind.value, d.reason) for d in decided} == {("skipped", "legacy on purpose")}
        assert state.file_decision(SERVICES) is None  # the file itself stays open


async def test_hunk_cursor_moves_and_wraps_and_the_rule_page_follows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on(pilot, SERVICES)
        hunks = screen.hunks()
        assert screen.hunk == 0
        await pilot.press("l", "l")
        assert screen.hunk == 2
        assert screen.finding is not None and screen.finding.fingerprint in hunks[2].fingerprints
        await pilot.press("h")
        assert screen.hunk == 1
        await pilot.press("h", "h")
        assert screen.hunk == len(hunks) - 1  # wraps backwards
        assert screen.finding is not None and screen.finding.fingerprint in hunks[-1].fingerprints


async def test_next_previous_move_the_tree_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        tree = screen.query_one(FileTree)
        for key in ("n", "n", "p", "n", "n", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert tree.cursor_node is not None and tree.cursor_node.data == screen.path
        app.open_file("shop/reports.py")
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == "shop/reports.py"


async def test_done_by_hand_is_recorded_and_the_finding_leaves_after_the_edit(
    make_app: AppFactory, demo_root: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _on(pilot, SERVICES)
        manual = [f for f in app.session.files[SERVICES].findings if f.fix is FixSafety.MANUAL]
        assert manual
        await pilot.press("m")
        await pilot.pause()
        state = load_state(demo_root)
        kinds = {d.fingerprint: d.kind.value for d in state.decisions_in(SERVICES)}
        assert kinds == {f.fingerprint: "manual-done" for f in manual}
        await pilot.press("m")  # a toggle: all marked → open again
        await pilot.pause()
        assert load_state(demo_root).decisions_in(SERVICES) == []
        await pilot.press("m")
        await pilot.pause()
        autocommit = next(f for f in manual if f.rule == "SQ201")
        # the developer makes the change by hand; a rescan no longer sees the construct
        path = demo_root / SERVICES
        path.write_text(path.read_text().replace("Session(bind=engine, autocommit=True)", "Session(bind=engine)"))
        await pilot.press("R")
        await scanned(pilot)
        remaining = {f.fingerprint for f in app.session.files[SERVICES].findings}
        assert autocommit.fingerprint not in remaining
        assert {f.fingerprint for f in manual} - {autocommit.fingerprint} <= remaining
        assert autocommit not in app.session.visible()[SERVICES]


async def test_accept_refuses_a_file_changed_on_disk_after_the_scan(make_app: AppFactory, demo_root: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on(pilot, SERVICES)
        edited = (demo_root / SERVICES).read_text() + "\n# edited elsewhere\n"
        (demo_root / SERVICES).write_text(edited)
        await pilot.press("a")
        await pilot.pause()
        assert (demo_root / SERVICES).read_text() == edited  # nothing written
        assert "changed on disk" in app.session.failed[SERVICES]
        assert app.session.glyph(SERVICES).value == "failed"
        assert "changed on disk" in str(screen.query_one("#status").content)  # type: ignore[attr-defined]
        assert load_state(demo_root).decisions_in(SERVICES) == []
        label = screen.query_one(FileTree).nodes[SERVICES].label
        assert str(label).startswith("✗")
        # a rescan sees the edit: the failure was about the old scan, so the mark goes and
        # accepting now writes the file
        await pilot.press("R")
        await scanned(pilot)
        assert SERVICES not in app.session.failed
        assert app.session.glyph(SERVICES).value != "failed"
        screen = await _on(pilot, SERVICES)
        await idle(pilot)
        await pilot.press("a")
        await _rescanned(pilot)
        await pilot.pause()
        assert SERVICES not in app.session.failed
        assert (demo_root / SERVICES).read_text() != edited
        assert load_state(demo_root).decisions_in(SERVICES) != []


async def test_skip_then_accept_shows_the_newest_decision_and_undo_restores_bytes(
    make_app: AppFactory, demo_root: Path
) -> None:
    app = make_app()
    before = (demo_root / SERVICES).read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on(pilot, SERVICES)
        await pilot.press("s", *"later", "enter")
        await pilot.pause()
        assert app.session.glyph(SERVICES).value == "skipped"
        await pilot.press("a")
        await pilot.pause()
        assert (demo_root / SERVICES).read_bytes() != before
        assert app.session.glyph(SERVICES).value == "applied"
        state = load_state(demo_root)
        assert state.file_decision(SERVICES) is None  # the skip was superseded
        assert {d.kind.value for d in state.decisions_in(SERVICES)} == {"accepted"}
        assert str(screen.query_one(FileTree).nodes[SERVICES].label).startswith("●")
        await _rescanned(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert (demo_root / SERVICES).read_bytes() == before
        decision = load_state(demo_root).file_decision(SERVICES)
        assert decision is not None and decision.kind.value == "skipped" and decision.reason == "later"
        assert app.session.glyph(SERVICES).value == "skipped"
