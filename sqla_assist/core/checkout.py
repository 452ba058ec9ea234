"""The git checkout: where it is, which Python files belong to it, and their blob ids.

Git is reached only from here, so the rest of the core sees plain paths and bytes. The two
questions every scan asks (where is the root, which files are tracked or untracked-not-
ignored) go straight to `git rev-parse` / `git ls-files`: importing gitpython costs about
90 ms, a third of the warm-rescan budget. gitpython is imported on first use of
`Checkout.repo` (history, config), which a scan never needs.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import git


class NotACheckout(Exception):
    """The path is not inside a git working tree (or does not exist)."""


@dataclass(frozen=True)
class Checkout:
    root: Path
    git_dir: Path

    @property
    def repo(self) -> git.Repo:
        import git

        return git.Repo(self.root)

    def abspath(self, rel: str) -> Path:
        return self.root / rel

    def relpath(self, path: Path) -> str:
        """Repo-relative POSIX path; raises ValueError for a path outside the checkout."""
        resolved = path if path.is_absolute() else (Path.cwd() / path)
        rel = os.path.relpath(os.path.normpath(resolved), self.root)
        if rel == ".." or rel.startswith("../") or os.path.isabs(rel):
            raise ValueError(f"{path} is outside the checkout {self.root}")
        return PurePosixPath(Path(rel)).as_posix()


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:  # git missing from PATH
        raise NotACheckout(f"cannot run git: {exc.strerror}") from None


def open_checkout(path: str | os.PathLike[str]) -> Checkout:
    """Find the repository root from any path inside it."""
    p = Path(path)
    if not p.exists():
        raise NotACheckout(f"{path}: no such file or directory")
    start = p if p.is_dir() else p.parent
    proc = _git(start, "rev-parse", "--path-format=absolute", "--is-bare-repository", "--git-common-dir")
    if proc.returncode != 0:
        raise NotACheckout(f"{path}: not inside a git checkout")
    bare, common = proc.stdout.decode("utf-8", "surrogateescape").splitlines()[:2]
    if bare == "true":
        raise NotACheckout(f"{path}: a bare repository has no files to scan")
    proc = _git(start, "rev-parse", "--show-toplevel")
    if proc.returncode != 0 or not proc.stdout.strip():
        # inside the .git directory itself: there is no work tree to scan from here
        raise NotACheckout(f"{path}: not inside a git work tree")
    top = proc.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
    return Checkout(root=Path(top).resolve(), git_dir=Path(common).resolve())


def list_python_files(
    checkout: Checkout, under: str | None = None, also: Callable[[str], bool] | None = None
) -> list[str]:
    """Tracked plus untracked-not-ignored `*.py` files, sorted, repo-relative.

    `also` admits other files from the same listing (configuration files), so asking for
    them costs no second `git ls-files`.

    Files deleted from the work tree but still tracked are left out, and so are symlinks:
    a link's target is scanned where it lives, or not at all if it is outside the checkout.
    """
    return sorted(list_python_stats(checkout, under, also))


def list_python_stats(
    checkout: Checkout, under: str | None = None, also: Callable[[str], bool] | None = None
) -> dict[str, os.stat_result]:
    """`list_python_files` with each file's `lstat`, so a scan need not stat them again."""
    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--"]
    args.append(f"{under.rstrip('/')}/" if under else ".")
    proc = _git(checkout.root, *args)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise NotACheckout(f"git ls-files failed in {checkout.root}: {message}")
    root = os.fspath(checkout.root) + os.sep
    found: dict[str, os.stat_result] = {}
    for raw in proc.stdout.split(b"\0"):
        if not raw:
            continue
        name = os.fsdecode(raw)
        if not name.endswith(".py") and (also is None or not also(name)):
            continue
        try:
            st = os.lstat(root + name)
        except OSError:
            continue  # tracked but deleted from the work tree
        if stat.S_ISREG(st.st_mode):  # a symlink's lstat is not a regular file
            found[name] = st
    return found


def blob_id(data: bytes) -> str:
    """git's object id for a blob with these bytes (sha1 of `blob <len>\\0<bytes>`)."""
    h = hashlib.sha1(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()


def module_name(path: str, package_dirs: frozenset[str]) -> str:
    """Dotted module name as Python would import it.

    `src/` layout roots are stripped (so namespace packages below `src/` keep every part);
    elsewhere the name starts at the topmost directory that is a regular package, which is
    right for nested projects such as `backend/app/models.py`. A file whose folder is no
    regular package is named by its whole path (namespace packages, scripts).
    """
    # Plain string operations: this runs for every file of every (warm) scan.
    head, _, name = path.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    dirs = [d for d in head.split("/") if d and d != "."] if head else []
    parts = [*dirs, stem] if stem != "__init__" else dirs
    if len(parts) > 1 and parts[0] == "src":
        return ".".join(parts[1:])
    start = len(dirs)
    while start > 0 and "/".join(dirs[:start]) in package_dirs:
        start -= 1
    if start == len(dirs):
        start = 0
    return ".".join(parts[start:]) or stem


def package_dirs_of(paths: list[str]) -> frozenset[str]:
    """Directories that hold an `__init__.py`, from the file listing (no extra I/O)."""
    return frozenset(
        p.rpartition("/")[0] or "." for p in paths if p == "__init__.py" or p.endswith("/__init__.py")
    )
