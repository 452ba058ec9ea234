"""Frozen inputs for app tests: a demo repo at a fixed name, fixed theme, no blink, no cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.config import Config, load_config
from sqla_assist.demo import make_demo_repo
from sqla_assist.tui.app import SqlaAssistApp, create_app

AppFactory = Callable[..., SqlaAssistApp]


@pytest.fixture
def demo_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return make_demo_repo(tmp_path / "shop")


@pytest.fixture
def make_app(demo_root: Path) -> AppFactory:
    def factory(config: Config | None = None, theme: str = "textual-dark") -> SqlaAssistApp:
        checkout = open_checkout(demo_root)
        return create_app(
            checkout,
            config if config is not None else load_config(checkout.root),
            theme=theme,
            blink=False,
            use_cache=False,
            workers=1,
        )

    return factory


async def scanned(pilot: Pilot[None]) -> None:
    """Wait until the scan (including the gathering pass) has been drawn."""
    app = pilot.app
    assert isinstance(app, SqlaAssistApp)
    for _ in range(400):
        if app.scan_done.is_set():
            break
        await pilot.pause(0.025)
    assert app.scan_done.is_set(), "scan did not finish"
    await pilot.pause()


async def idle(pilot: Pilot[None]) -> None:
    """Wait until no proposal, Alembic preview or single-file rescan is pending, so a snapshot is stable."""
    app = pilot.app
    assert isinstance(app, SqlaAssistApp)
    for _ in range(2400):
        if not app.busy():
            break
        await pilot.pause(0.025)
    assert not app.busy(), "background work did not finish"
    await pilot.pause()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin is installed)."""
    import asyncio
    import functools
    import inspect

    for item in items:
        func = getattr(item, "obj", None)
        if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            def sync(*args: object, __f=func, **kwargs: object) -> None:
                asyncio.run(__f(*args, **kwargs))

            item.obj = sync
