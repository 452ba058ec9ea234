"""SQ313 across files, the edges: one diff per file, targets that cannot be edited, nested classes.

`fix --diff` must show what `fix --write` leaves, each file once, also when a file has fixes of
its own and is the other side of a backref in another file. A backref whose class is outside
the project (or defined where the fixer cannot write) is MANUAL from the scan on, with the
fixer's reason; classes defined in module-level `try`/`if` blocks are edited in place.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Repo, git
from tests.xfile_project import FILES, USER

RULES = ("--rule", "SQ308", "--rule", "SQ313")


def _texts(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.py"))}


def _headers(diff: str) -> list[str]:
    return [line[len("+++ b/"):] for line in diff.splitlines() if line.startswith("+++ ")]


# The companion file sorts before the backref's file (it is proposed first, with its own
# SQ308 fixes) or after it (it is first edited as a companion, then proposed itself).
LAYOUTS = {
    "companion-first": {},
    "companion-last": {"app/user.py": None, "app/aa_user.py": USER},
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_diff_shows_each_file_once_and_is_what_write_leaves(cli: CliRunner, repo: Repo, tmp_path: Path, layout: str) -> None:
    files = {k: v for k, v in {**FILES, **LAYOUTS[layout]}.items() if v is not None}
    for rel, text in files.items():
        repo.write(rel, text)
    repo.commit("models")
    shown = cli("fix", str(repo.root), *RULES)
    assert shown.returncode == 0, shown.stderr
    headers = _headers(shown.stdout)
    assert sorted(headers) == headers and len(set(headers)) == len(headers), headers
    assert "app/order.py" in headers
    order_diff = shown.stdout.split("+++ b/app/order.py\n", 1)[1].split("--- a/", 1)[0]
    assert "+    id = mapped_column(Integer, primary_key=True)" in order_diff  # its own fix
    assert '+    customer = relationship("User", back_populates="orders", lazy="joined")' in order_diff  # the companion's
    assert _texts(repo.root) == {k: v for k, v in files.items()}  # --diff writes nothing

    # The printed diff, applied to a copy, gives exactly the files --write writes.
    copy = tmp_path / "copy"
    shutil.copytree(repo.root, copy)
    subprocess.run(["git", "apply", "-"], cwd=copy, input=shown.stdout, text=True, check=True)
    written = cli("fix", str(repo.root), *RULES, "--write")
    assert written.returncode == 0, written.stderr
    assert _texts(repo.root) == _texts(copy)
    assert _texts(repo.root) != files

    again = cli("fix", str(repo.root), *RULES, "--write")
    assert again.returncode == 0 and "fixed" not in again.stderr, again.stderr
    assert _texts(repo.root) == _texts(copy)
    assert cli("fix", str(repo.root), *RULES).stdout == ""
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        f" M {rel}" for rel in headers
    ]
