"""Shared fixtures: real git repositories in temp folders, and the CLI run as a subprocess."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_ENV)
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.pop("SQLA_ASSIST_CACHE", None)
    return env


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, env=_env(), check=True, capture_output=True, text=True)
    return out.stdout


class Repo:
    """A real git repository in a temp folder, with helpers to write and commit files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.name", "Test Author")
        git(root, "config", "user.email", "author@example.invalid")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str = "commit", *paths: str) -> str:
        git(self.root, "add", *(paths or ["-A"]))
        git(self.root, "commit", "-q", "-m", message, "--allow-empty")
        return git(self.root, "rev-parse", "HEAD").strip()

    def git(self, *args: str) -> str:
        return git(self.root, *args)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "project"
    root.mkdir()
    return Repo(root)


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli() -> CliRunner:
    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sqla_assist", *args],
            cwd=cwd,
            env=_env(),
            capture_output=True,
            text=True,
            input=input,
            timeout=120,
        )

    return run


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throw-away PostgreSQL (Debian's package) for the module's tests; skips saying why
    when the server or the driver is missing."""
    from tests.alembic.pg import PostgresUnavailable, running_postgres

    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("no PostgreSQL driver: install the test extra `psycopg[binary]`")
    try:
        with running_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL cannot start here: {exc}")
