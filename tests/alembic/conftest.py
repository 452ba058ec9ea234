"""Fixtures for the Alembic preview: the demo project as a git repository, and its models."""

from __future__ import annotations

from pathlib import Path

import pytest

from sqla_assist.core.alembic_preview import Target
from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.demo import make_demo_repo

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "alembic_demo"
DEMO_TARGET = Target("shop.db:Base.metadata", ("shop.models",))


@pytest.fixture
def demo(tmp_path: Path) -> Checkout:
    return open_checkout(make_demo_repo(tmp_path / "shop"))


def case(name: str) -> str:
    return (CASES / name).read_text(encoding="utf-8")
