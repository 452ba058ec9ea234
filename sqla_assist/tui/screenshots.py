"""Write the README's screenshots from the demo project: `python -m sqla_assist.tui.screenshots DIR`.

Uses the same app factory as the CLI and the tests, with frozen inputs (fixed size, theme,
no cursor blink, no cache), so re-running it only changes the images when the app changes.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import load_config
from sqla_assist.demo import make_demo_repo
from sqla_assist.tui.app import SqlaAssistApp, create_app

Step = Callable[[Pilot[None]], Awaitable[None]]


async def _wait_scan(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, SqlaAssistApp)
    for _ in range(1200):
        if app.scan_done.is_set():
            break
        await pilot.pause(0.025)
    await pilot.pause()


async def _idle(pilot: Pilot[None]) -> None:
    """Let proposals and Alembic previews finish, so the picture shows results, not spinners."""
    app = pilot.app
    assert isinstance(app, SqlaAssistApp)
    for _ in range(2400):
        if not app.busy():
            break
        await pilot.pause(0.025)
    await pilot.pause()


def _keys(*keys: str, tab: str | None = None, path: str | None = None) -> Step:
    """Optionally open `path` (so a shot does not depend on file order), pick a tab, press keys."""

    async def step(pilot: Pilot[None]) -> None:
        if path is not None:
            app = pilot.app
            assert isinstance(app, SqlaAssistApp)
            app.open_file(path)
            await pilot.pause()
        if tab is not None:
            pilot.app.screen.query_one("#main").active = tab  # type: ignore[attr-defined]
            await pilot.pause()  # the tab's activation starts its work
        for key in keys:
            await pilot.press(key)
        await _idle(pilot)

    return step


SHOTS: tuple[tuple[str, tuple[int, int], Step], ...] = (
    ("review.svg", (160, 45), _keys(tab="tab-findings", path="shop/services.py")),
    ("diff.svg", (160, 45), _keys(tab="tab-diff", path="shop/reports.py")),
    ("dashboard.svg", (120, 36), _keys("D")),
    ("alembic.svg", (120, 36), _keys(tab="tab-alembic", path="shop/models.py")),
)


async def _shoot(root: Path, out: Path, size: tuple[int, int], step: Step) -> None:
    checkout = open_checkout(root)
    app = create_app(checkout, load_config(root), theme="textual-dark", blink=False, use_cache=False, workers=1)
    async with app.run_test(size=size) as pilot:
        await _wait_scan(pilot)
        await _idle(pilot)
        await step(pilot)
        await pilot.pause(0.2)
        out.write_text(app.export_screenshot(title=f"sqla-assist — {out.stem}"), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m sqla_assist.tui.screenshots DIR", file=sys.stderr)
        return 2
    dest = Path(argv[0])
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = make_demo_repo(Path(tmp) / "shop")
        for name, size, step in SHOTS:
            asyncio.run(_shoot(root, dest / name, size, step))
            print(dest / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
