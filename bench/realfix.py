"""Run the fixers on real projects and compare their own test suites before and after.

For each project below, the tree at the parent of its human SQLAlchemy 2.0 migration commit
("base") is exported from a bare mirror into bench/.cache/realfix/<project>/, then copied and
rewritten by `sqla-assist fix --write` ("fix": safe fixes only) and by `fix --write --unsafe`
("unsafe"); the human migration commit itself is exported too ("human"). Each tree's own suite
runs in two venvs: one with the project's SQLAlchemy 1.4 pins ("sa14") and one with 2.0
("sa20"), the latter also with SQLAlchemy's deprecation warnings as errors ("sa20-strict", what
a 2.0 migration must leave clean). The table lists passed/failed/error counts per cell.

What counts as a fixer bug: a test that passes on "base" and fails on "fix" under the same
SQLAlchemy version (sa14 for fixes that keep 1.4 working; typed-model fixes use 2.0-only API,
so a tree they touched cannot import on 1.4 at all, which is expected), or a test that the
fixed tree fails on sa20 although "base" passes it there.

The schema gate of typed-model fixes imports the project's models in sqla-assist's own
interpreter, so the project's pure-Python dependencies are linked into an extra PYTHONPATH
entry for the fix runs (compiled ones built for another Python cannot load; the gate then
holds those files back, which the table shows as fewer changed files).

Repositories come from bare git directories (the search tool's `fetch` puts them under
/work/.mirror/<owner>+<name>/repo); nothing fetched is ever committed. Blobs missing from a
mirror are written as the project's placeholder (see `Project.placeholders`).

    python bench/realfix.py [--project NAME ...] [--variant base|fix|unsafe|human ...]

Not part of `make test`: it installs each project's dependencies (minutes per project).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache" / "realfix"
MIRRORS = Path("/work/.mirror")
TOOL_PYTHON = os.environ.get("SQLA_ASSIST_PYTHON", sys.executable)
STRICT = ("-W", "error::sqlalchemy.exc.SADeprecationWarning")


@dataclass(frozen=True)
class Project:
    """A project, its migration commit, and how to install and run its suite."""

    name: str
    mirror: str  # owner+name under MIRRORS
    human: str  # the migration commit; "base" is its first parent
    python: str  # "3.11"
    reqs14: tuple[str, ...]  # pip arguments, relative paths against the base tree
    reqs20: tuple[str, ...]
    workdir: str = "."  # where pytest runs, inside the tree
    pytest_args: tuple[str, ...] = ("-q", "-p", "no:cacheprovider")
    relaxed: tuple[str, ...] = ()  # drops the project's own warnings-as-errors for "sa20"
    placeholders: dict[str, str] = field(default_factory=dict)  # path -> text for absent blobs
    tests_from_human: str = ""  # run every variant with the human commit's tests (a dir)
    sa14: bool = True  # False when the project's other pins need SQLAlchemy 2
    drop: tuple[str, ...] = ()  # requirement names struck from -r files (unbuildable pins, replaced in reqs)


FREQTRADE_TEST_REQS = ("TA-Lib<0.7", "py_find_1st", "pytest==7.2.1", "pytest-asyncio==0.20.3", "pytest-mock==3.10.0", "time-machine==2.9.0", "httpx==0.23.3")
FREQTRADE_TESTS = (  # the suites that hit the database; the whole selection takes ~7 min a cell here
    "tests/persistence",
    "tests/plugins/test_pairlocks.py",
    "tests/plugins/test_protections.py",
    "tests/rpc/test_rpc.py",
    "tests/test_freqtradebot.py",
    "tests/test_integration.py",
    "tests/data/test_btanalysis.py",
)

PROJECTS: tuple[Project, ...] = (
    Project(
        "CloudBot",
        "TotallyNotRobots+CloudBot",
        "3f437cdd",
        "3.11",
        reqs14=("-r", "requirements-dev.txt"),
        reqs20=("-r", "requirements-dev.txt", "SQLAlchemy>=2.0,<2.1"),
        pytest_args=("-q", "-p", "no:cacheprovider", "-o", "addopts=", "--pythonhashseed=123", "tests"),
        relaxed=("-o", "filterwarnings="),
        placeholders={"data/drinks.json": "[]"},
    ),
    Project(
        # The persistence layer and the suites that query it; freqai/plotting/hyperopt suites are
        # left out (torch and friends, no SQLAlchemy). TA-Lib 0.4 needs the C library: the newer
        # wheel bundles it. The hyperopt pins are for tests/optimize's conftest (run by hand). The human commit is the first of two migration merges (typed models,
        # the 2.0 pin); the second (8ab35bbaf) moved the remaining Query calls.
        "freqtrade",
        "freqtrade+freqtrade",
        "e228733f1",
        "3.11",
        reqs14=("-r", "requirements-hyperopt.txt", *FREQTRADE_TEST_REQS),
        reqs20=("-r", "requirements-hyperopt.txt", *FREQTRADE_TEST_REQS, "SQLAlchemy==2.0.4"),
        pytest_args=("-q", "-p", "no:cacheprovider", "-p", "no:randomly", *FREQTRADE_TESTS),
        # pandas-ta 0.3.14b is gone from PyPI (only templates use it); py_find_1st 1.1.5 no longer builds.
        drop=("TA-Lib", "pandas-ta", "py_find_1st"),
    ),
    Project(
        "DigiScript",
        "dreamteamprod+DigiScript",
        "545c4e20",
        "3.12",
        reqs14=(),
        reqs20=("-r", "server/requirements.txt", "pytest<9.1", "pytest-asyncio>=1.3.0"),
        workdir="server",
        pytest_args=("-q", "-p", "no:cacheprovider", "-o", "addopts="),
        tests_from_human="server/test",
        sa14=False,
    ),
    Project(
        "ambuda",
        "ambuda-org+ambuda",
        "37d67ae",
        "3.13",
        reqs14=("@pyproject", "pytest==8.4.2", "alembic==1.8.0", "conllu==4.5.2", "click==8.1.3"),
        reqs20=("@pyproject", "SQLAlchemy==2.0.44", "pytest==8.4.2", "alembic==1.17.0", "conllu==4.5.2", "click==8.1.3"),
        pytest_args=("-q", "-p", "no:cacheprovider", "test"),
    ),
)
VARIANTS = ("base", "fix", "unsafe", "human")


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True)


def git(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run(["git", "--git-dir", str(MIRRORS / project.mirror / "repo"), *args])


def export(project: Project, commit: str, dest: Path) -> None:
    """Write `commit`'s tree to `dest` as a fresh one-commit git checkout (mirrors lack some blobs)."""
    if dest.exists():
        shutil.rmtree(dest)
    listing = git(project, "ls-tree", "-r", "-z", commit)
    if listing.returncode:
        raise SystemExit(f"{project.name}: {commit} not in the mirror (fetch github:{project.mirror.replace('+', '/')}): {listing.stderr}")
    for entry in listing.stdout.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, obj = meta.split()
        if kind != "blob":
            continue
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = subprocess.run(["git", "--git-dir", str(MIRRORS / project.mirror / "repo"), "cat-file", "blob", obj], capture_output=True)
        if blob.returncode:
            if path not in project.placeholders:
                print(f"{project.name}: {path} is absent from the mirror; skipped", file=sys.stderr)
                continue
            target.write_text(project.placeholders[path])
        elif mode == "120000":
            target.symlink_to(blob.stdout.decode())
        else:
            target.write_bytes(blob.stdout)
    ident = ["-c", "user.email=bench@localhost", "-c", "user.name=bench"]
    run(["git", "init", "-q"], cwd=dest)
    run(["git", "add", "-A"], cwd=dest)
    run(["git", *ident, "commit", "-qm", commit], cwd=dest)


def interpreter(version: str) -> str:
    for cand in [shutil.which(f"python{version}"), *sorted(glob.glob(f"/root/.pyenv/versions/{version}*/bin/python{version}"))]:
        if cand and run([cand, "--version"]).returncode == 0:
            return cand
    raise SystemExit(f"no python{version} on this machine")


def pip_args(reqs: tuple[str, ...], tree: Path, drop: tuple[str, ...] = ()) -> list[str]:
    """`@pyproject` stands for the tree's [project].dependencies (ambuda is not installable itself)."""
    out: list[str] = []
    for req in reqs:
        if req == "@pyproject":
            import tomllib

            deps = tomllib.loads((tree / "pyproject.toml").read_text())["project"]["dependencies"]
            out += [d for d in deps if not d.lower().startswith("sqlalchemy")] if "SQLAlchemy==" in " ".join(reqs) else deps
        elif req.startswith("-r"):
            out.append(req)
        elif out and out[-1] == "-r":
            out.append(str(tree / req))
        else:
            out.append(req)
    names = tuple(d.lower() for d in drop)
    if any(r.lower().startswith("sqlalchemy") for r in reqs if r[0].isalpha()):
        names += ("sqlalchemy",)
    if names:
        # A pin in a requirements file would conflict with the 2.0 one (or cannot build): drop it from a copy.
        for i, arg in enumerate(out):
            if i and out[i - 1] == "-r":
                out[i] = str(_without_sqlalchemy(Path(arg), names))
    return out


def _without_sqlalchemy(path: Path, names: tuple[str, ...] = ("sqlalchemy",)) -> Path:
    copy = path.with_name(path.stem + "." + "-".join(names) + path.suffix)
    lines = []
    for line in path.read_text().splitlines():
        if re.split(r"[\s=<>~!;\[]", line.strip().lower(), maxsplit=1)[0] in names:
            continue
        if line.startswith("-r "):
            line = "-r " + str(_without_sqlalchemy(path.parent / line[3:].strip(), names))
        lines.append(line)
    copy.write_text("\n".join(lines) + "\n")
    return copy


def venv(project: Project, label: str, reqs: tuple[str, ...], tree: Path) -> Path:
    """A venv with the project's test dependencies, created once (a stamp marks success)."""
    path = CACHE / project.name / f"venv-{label}"
    stamp = path / ".realfix-installed"
    if stamp.exists():
        return path
    if path.exists():
        shutil.rmtree(path)
    made = run([interpreter(project.python), "-m", "venv", str(path)])
    if made.returncode:
        raise SystemExit(made.stderr)
    res = run([str(path / "bin" / "python"), "-m", "pip", "install", "-q", *pip_args(reqs, tree, project.drop)])
    if res.returncode:
        raise SystemExit(f"{project.name} {label}: pip failed:\n{res.stderr[-3000:]}")
    stamp.touch()
    return path


def gate_path(project: Project, env: Path) -> Path:
    """Links to the project's pure packages that sqla-assist's own interpreter lacks."""
    extra = CACHE / project.name / "gate-path"
    if extra.exists():
        shutil.rmtree(extra)
    extra.mkdir(parents=True)
    own = Path(run([TOOL_PYTHON, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    site = next((env / "lib").glob("python*/site-packages"))
    for entry in site.iterdir():
        if entry.name.endswith((".dist-info", ".pth")) or entry.name in {"__pycache__", "_distutils_hack", "pip", "setuptools", "pkg_resources"}:
            continue
        if not (own / entry.name).exists():
            (extra / entry.name).symlink_to(entry)
    return extra


def apply_fix(tree: Path, unsafe: bool, extra: Path | None) -> str:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), str(extra or "")) if p))
    cmd = [TOOL_PYTHON, "-m", "sqla_assist", "fix", str(tree), "--write", *(["--unsafe"] if unsafe else [])]
    res = run(cmd, env=env)
    (tree.parent / f"{tree.name}.fix-log.txt").write_text(res.stderr)
    stat = run(["git", "diff", "--shortstat"], cwd=tree).stdout.strip()
    return stat or "no change"


_COUNT = re.compile(r"(\d+) (passed|failed|errors?)\b")


def suite(project: Project, tree: Path, env: Path, extra: tuple[str, ...], label: str = "") -> str:
    """Counts for one cell; with a label, per-test outcomes go to <tree>.<label>.xml for `--compare`."""
    report = [f"--junitxml={tree.parent / f'{tree.name}.{label}.xml'}"] if label else []
    res = run([str(env / "bin" / "python"), "-m", "pytest", *project.pytest_args, *report, *extra], cwd=tree / project.workdir)
    tail = (res.stdout + res.stderr).strip().splitlines()
    counts = {"passed": 0, "failed": 0, "error": 0}
    for line in reversed(tail):
        found = _COUNT.findall(line)
        if found and ("passed" in line or "failed" in line or "error" in line) and " in " in line:
            for num, kind in found:
                counts["error" if kind.startswith("error") else kind] += int(num)
            break
    else:
        return "no run: " + (tail[-1][:60] if tail else "?")
    return f"{counts['passed']}p/{counts['failed']}f/{counts['error']}e"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", action="append", help="only these projects")
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="only these trees")
    opts = parser.parse_args()
    variants = opts.variant or list(VARIANTS)
    rows: list[tuple[str, ...]] = []
    for project in PROJECTS:
        if opts.project and project.name not in opts.project:
            continue
        base_commit = git(project, "rev-parse", f"{project.human}^1").stdout.strip()
        root = CACHE / project.name
        trees = {v: root / v for v in variants}
        export(project, base_commit, root / "base")
        env14 = venv(project, "sa14", project.reqs14, root / "base") if project.sa14 else None
        env20 = venv(project, "sa20", project.reqs20, root / "base")
        extra = gate_path(project, env14 or env20)
        changes = {"base": "", "human": ""}
        human_tests = root / "_human-tests"
        if project.tests_from_human:
            export(project, project.human, human_tests)
        for variant in variants:
            if variant == "human":
                export(project, project.human, trees["human"])
            elif variant in ("fix", "unsafe"):
                export(project, base_commit, trees[variant])
                changes[variant] = apply_fix(trees[variant], variant == "unsafe", extra)
            if project.tests_from_human:
                target = trees[variant] / project.tests_from_human
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(human_tests / project.tests_from_human, target)
        for variant in variants:
            tree = trees[variant]
            r14 = suite(project, tree, env14, (), "sa14") if env14 else "n/a"
            r20 = suite(project, tree, env20, project.relaxed, "sa20")
            strict = suite(project, tree, env20, STRICT, "sa20-strict")
            rows.append((project.name, variant, r14, r20, strict, changes.get(variant, "")))
            print("\t".join(rows[-1]), file=sys.stderr)
    head = ("project", "tree", "sa14", "sa20", "sa20-strict", "changed by the tool")
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    for row in (head, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print("\ncounts: passed p / failed f / errors e (collection errors count once per module)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
