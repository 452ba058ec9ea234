"""The bundled demo project and the command that turns it into a git repository."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import git

PROJECT = Path(__file__).parent / "project"


def make_demo_repo(dest: Path | None = None) -> Path:
    """Copy the demo project into a new git repository with one commit; return its root."""
    if dest is None:
        root = Path(tempfile.mkdtemp(prefix="sqla-assist-demo-")) / "shop"
    else:
        root = dest
        if root.exists() and any(root.iterdir()):
            raise FileExistsError(f"{root} is not empty")
    shutil.copytree(PROJECT, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    # Shipped as `gitignore` so packaging tools do not treat it as their own.
    (root / "gitignore").rename(root / ".gitignore")
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Demo Developer")
        cw.set_value("user", "email", "demo@example.invalid")
    repo.git.add(A=True)
    repo.git.commit("-q", "-m", "shop: the 1.4-era code base before migration")
    return root.resolve()
