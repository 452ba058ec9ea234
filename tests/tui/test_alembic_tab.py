"""The Alembic tab: a real preview (child processes) of hand-converted demo models.

The typed-model fixers land separately; until then the proposal for shop/models.py is the
careful or the naive conversion from tests/fixtures/alembic_demo, put where the fixer's
proposal would be, so the worker path, the verdict and the accept gate are the real ones.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from sqla_assist.core.findings import Category
from sqla_assist.core.fix import FileProposal, _diff
from sqla_assist.tui.app import SqlaAssistApp
from sqla_assist.tui.review import ReviewScreen
from tests.tui.conftest import AppFactory, scanned

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "alembic_demo"
MODELS = "shop/models.py"


def converted(app: SqlaAssistApp, case: str) -> FileProposal:
    """A proposal for shop/models.py whose new text is a hand conversion of it."""
    res = app.session.files[MODELS]
    old = app.session.checkout.abspath(MODELS).read_text(encoding="utf-8")
    new = (CASES / case).read_text(encoding="utf-8")
    fixed = tuple(f for f in res.findings if f.category is Category.MODELS)
    diff, hunks = _diff(MODELS, old, new, fixed, set(), set())
    return FileProposal(MODELS, res.blob, old, new, diff, hunks, fixed, ())


async def _preview(pilot, screen: ReviewScreen) -> None:  # type: ignore[no-untyped-def]
    for _ in range(1200):
        if screen.session.alembic_result(MODELS) is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def _pane(screen: ReviewScreen, widget: str = "#alembic") -> str:
    """The plain text of a Static's content (Rich renderables included)."""
    import io

    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one(widget, Static).content)
    return console.export_text()


async def test_naive_conversion_is_flagged_and_blocks_accept_all(make_app: AppFactory, demo_root: Path) -> None:
    app = make_app()
    before = (demo_root / MODELS).read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        app.session._proposals[MODELS] = converted(app, "models_naive.py")
        screen.go_to(MODELS)
        await pilot.pause()
        # model fixes start the preview at once: accept-all waits for it
        assert app.session.alembic_pending.get(MODELS)
        assert "has not finished" in app.session.accept_blocked(MODELS)
        await _preview(pilot, screen)
        result = app.session.alembic_result(MODELS)
        assert not isinstance(result, str) and not result.errors, result
        assert not result.is_empty
        assert any("nullable" in c for c in result.changes)
        screen.query_one("#main").active = "tab-alembic"  # type: ignore[attr-defined]
        await pilot.pause()
        text = _pane(screen)
        assert "changes the schema" in text and "op.alter_column" in text
        assert "models before vs database" in text
        diff = _pane(screen, "#diff")
        assert "schema change" in diff or "accept-all blocked" in diff
        await pilot.press("a")
        await pilot.pause()
        assert (demo_root / MODELS).read_bytes() == before  # nothing written
        assert "alter the schema" in app.session.accept_blocked(MODELS)


async def test_careful_conversion_is_schema_neutral(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        app.session._proposals[MODELS] = converted(app, "models_typed.py")
        screen.go_to(MODELS)
        screen.query_one("#main").active = "tab-alembic"  # type: ignore[attr-defined]
        await _preview(pilot, screen)
        result = app.session.alembic_result(MODELS)
        assert not isinstance(result, str) and result.is_empty, result
        assert app.session.accept_blocked(MODELS) == ""
        assert "schema-neutral (empty autogenerate diff)" in _pane(screen)


async def test_file_without_models_explains_and_runs_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await scanned(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.go_to("shop/services.py")
        screen.query_one("#main").active = "tab-alembic"  # type: ignore[attr-defined]
        for _ in range(400):  # the proposal is computed in a worker first
            if app.session.has_proposal("shop/services.py"):
                break
            await pilot.pause(0.025)
        await pilot.pause()
        assert "defines no mapped classes" in _pane(screen)
        assert "shop/services.py" not in app.session.alembic_pending
        assert "shop/services.py" not in app.session.alembic
