"""SVG snapshots of each screen state under frozen inputs (see conftest: demo repo, theme, no blink).

Updating them is a review act: `make snapshots`, then look at the diff report.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import AppFactory, idle, scanned


def _then(*keys: str, tab: str | None = None) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await scanned(pilot)
        await idle(pilot)
        if tab is not None:
            pilot.app.screen.query_one("#main").active = tab  # type: ignore[attr-defined]
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await idle(pilot)
        await idle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("size", "theme", "before"),
    [
        pytest.param((80, 24), "textual-dark", _then(), id="review_80x24"),
        pytest.param((200, 60), "textual-dark", _then("n"), id="review_200x60"),
        pytest.param((120, 36), "textual-light", _then("n"), id="review_light"),
        pytest.param((120, 36), "textual-dark", _then("n", "n", tab="tab-findings"), id="findings_tab"),
        pytest.param((100, 30), "textual-dark", _then(tab="tab-alembic"), id="alembic_tab"),
        pytest.param((100, 30), "textual-dark", _then("D"), id="dashboard"),
        pytest.param((100, 30), "textual-dark", _then("question_mark"), id="help"),
        pytest.param((80, 24), "textual-dark", _then("slash", "s", "e", "r"), id="filter_prompt"),
        pytest.param((80, 24), "textual-dark", _then("s"), id="skip_prompt"),
    ],
)
def test_screen(snap_compare: Any, make_app: AppFactory, size: tuple[int, int], theme: str, before: Any) -> None:
    assert snap_compare(make_app(theme=theme), terminal_size=size, run_before=before)
