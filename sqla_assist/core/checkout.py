"""The git checkout: where it is, which Python files belong to it, and their blob ids.

gitpython is used only here, so the rest of the core sees plain paths and bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import git


class NotACheckout(Exception):
    """The path is not inside a git working tree (or does not exist)."""


@dataclass(frozen=True)
class Checkout:
    root: Path
    git_dir: Path

    @property
    def repo(self) -> git.Repo:
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


def open_checkout(path: str | os.PathLike[str]) -> Checkout:
    """Find the repository root from any path inside it."""
    p = Path(path)
    if not p.exists():
        raise NotACheckout(f"{path}: no such file or directory")
    start = p if p.is_dir() else p.parent
    try:
        repo = git.Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotACheckout(f"{path}: not inside a git checkout") from None
    if repo.bare or repo.working_tree_dir is None:
        raise NotACheckout(f"{path}: a bare repository has no files to scan")
    common = Path(repo.common_dir)
    return Checkout(root=Path(repo.working_tree_dir).resolve(), git_dir=common.resolve())


def list_python_files(
    checkout: Checkout, under: str | None = None, also: Callable[[str], bool] | None = None
) -> list[str]:
    """Tracked plus untracked-not-ignored `*.py` files, sorted, repo-relative.

    `also` admits other files from the same listing (configuration files), so asking for
    them costs no second `git ls-files`.

    Files deleted from the work tree but still tracked are left out, and so are symlinks:
    a link's target is scanned where it lives, or not at all if it is outside the checkout.
    """
    args = ["-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--"]
    args.append(f"{under.rstrip('/')}/" if under else ".")
    out = checkout.repo.git.ls_files(*args, with_extended_output=False, strip_newline_in_stdout=False)
    paths: set[str] = set()
    for name in out.split("\0"):
        if not name.endswith(".py") and (also is None or not also(name)):
            continue
        full = checkout.root / name
        if full.is_symlink() or not full.is_file():
            continue
        paths.add(name)
    return sorted(paths)


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
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if len(parts) > 1 and parts[0] == "src":
        return ".".join(parts[1:])
    dirs = parts[:-1] if PurePosixPath(path).name != "__init__.py" else parts
    start = len(dirs)
    while start > 0 and "/".join(dirs[:start]) in package_dirs:
        start -= 1
    if start == len(dirs):
        start = 0
    return ".".join(parts[start:]) or PurePosixPath(path).stem


def package_dirs_of(paths: list[str]) -> frozenset[str]:
    """Directories that hold an `__init__.py`, from the file listing (no extra I/O)."""
    return frozenset(
        str(PurePosixPath(p).parent) for p in paths if PurePosixPath(p).name == "__init__.py"
    )
