"""What a proposed model change does to the schema, told by Alembic's autogenerate.

A typed-model conversion is correct only when it keeps the DDL (RULES.md §4), so the
preview loads the project's metadata twice — as the file is on disk ("before") and with
the proposed text written into a temporary copy of the checkout ("after") — and asks
Alembic what a revision would contain. The "before" models are built into a temporary
SQLite database with `create_all`; the "after" models are compared with it. An empty
result means the change is schema-neutral.

It also compares both sides with a database: by default a temporary SQLite database built
by the project's own migrations (`alembic upgrade head` through its alembic.ini and env.py,
with `sqlalchemy.url` pointed at the temp file), or a URL the user names, which is only
reflected, never written. That tells whether models and migrations agree before and after.

The project's code runs only in child processes (`alembic_child`), each with a timeout.
No revision file is ever written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqla_assist.core.checkout import Checkout, module_name, package_dirs_of
from sqla_assist.core.config import load_config

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Target:
    """Where the metadata lives (`module:attr.path`) and which modules must be imported first."""

    spec: str
    imports: tuple[str, ...] = ()
    # Modules that must import (the previewed file and its companions); any other module of
    # `imports` that fails to import is skipped, the same way before and after (see alembic_child).
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """One autogenerate run: the operations Alembic would write, rendered, and in words."""

    label: str
    ops: str = ""
    changes: tuple[str, ...] = ()
    error: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.error and not self.ops


@dataclass(frozen=True)
class AlembicPreview:
    """The schema consequence of replacing `path`'s text with a proposal.

    `ops`/`changes` describe the models-before → models-after difference; `is_empty` is
    true only when that difference was computed without error and is empty. `database`
    comparisons (models vs the migrated or named database) are context, not the verdict.
    """

    path: str
    target: str
    model_diff: Comparison | None
    database: str = ""
    db_before: Comparison | None = None
    db_after: Comparison | None = None
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def ops(self) -> str:
        return self.model_diff.ops if self.model_diff else ""

    @property
    def changes(self) -> tuple[str, ...]:
        return self.model_diff.changes if self.model_diff else ()

    @property
    def is_empty(self) -> bool:
        return not self.errors and self.model_diff is not None and self.model_diff.is_empty


class PreviewError(Exception):
    """The preview could not be set up (no metadata target, bad path)."""


# -- finding the metadata ---------------------------------------------------------------------


def discover_target(exports_by_path: Mapping[str, Mapping[str, tuple[str, str]]]) -> Target | None:
    """Guess the metadata target from the scan's per-file exports (no user code runs).

    Heuristic: a module that *defines* a declarative base (`Base = declarative_base()`,
    `class Base(DeclarativeBase)`) gives `module:Base.metadata`; failing that, a module-level
    `MetaData()` gives `module:name`. Modules that define mapped classes (exports of kind
    `model`, or subclasses of a project name) are imported first so their tables are
    registered. Ties are broken by path order, so the result is deterministic.
    """
    packages = package_dirs_of(list(exports_by_path))
    bases: list[str] = []
    metadatas: list[str] = []
    models: list[str] = []
    for path in sorted(exports_by_path):
        module = module_name(path, packages)
        exports = exports_by_path[path]
        for name, (kind, via) in sorted(exports.items()):
            if name.endswith("()"):
                continue
            if kind == "base" and not via:
                bases.append(f"{module}:{name}.metadata")
            elif kind == "metadata" and not via:
                metadatas.append(f"{module}:{name}")
            if kind == "model" or via.endswith("<subclass>"):
                if module not in models:
                    models.append(module)
    spec = (bases or metadatas or [""])[0]
    if not spec:
        return None
    return Target(spec=spec, imports=tuple(models))


def model_files(exports_by_path: Mapping[str, Mapping[str, tuple[str, str]]]) -> list[str]:
    """Files that define mapped classes, by the same test `discover_target` uses."""
    return sorted(
        path
        for path, exports in exports_by_path.items()
        if any(
            not name.endswith("()") and (kind == "model" or via.endswith("<subclass>"))
            for name, (kind, via) in exports.items()
        )
    )


def render_text(result: AlembicPreview) -> str:
    """The preview as the CLI prints it: verdict, operations, then the database comparisons."""
    if result.errors:
        verdict = "could not be previewed"
    elif result.is_empty:
        verdict = "schema-neutral (empty autogenerate diff)"
    else:
        verdict = "CHANGES THE SCHEMA"
    lines = [f"== {result.path}: {verdict}", f"   metadata: {result.target}"]
    lines += [f"   error: {e}" for e in result.errors]
    lines += [f"   note: {n}" for n in result.notes]
    if result.changes:
        lines += [f"   - {c}" for c in result.changes]
    if result.ops:
        lines += ["", "def upgrade():", _indented(result.ops), ""]
    for comp in (result.db_before, result.db_after):
        if comp is None:
            continue
        head = f"-- {comp.label} [{result.database}]: "
        if comp.error:
            lines.append(head + f"error: {comp.error}")
        elif comp.is_empty:
            lines.append(head + "in agreement (empty diff)")
        else:
            lines.append(head + f"{len(comp.changes)} difference(s)")
            lines += [f"   - {c}" for c in comp.changes]
            lines += ["", "def upgrade():", _indented(comp.ops), ""]
    return "\n".join(lines) + "\n"


def _indented(ops: str) -> str:
    """`render_python_code` leaves its first line unindented; align it with the rest."""
    return "\n".join(
        line if line.startswith(" ") or not line else f"    {line}" for line in ops.rstrip().splitlines()
    )


def target_from_config(metadata: str, path: str | None, checkout: Checkout) -> Target:
    """`[tool.sqla-assist] metadata` or `--metadata`; the previewed file is imported too."""
    imports: tuple[str, ...] = ()
    if path is not None and path.endswith(".py"):
        imports = (_module_of(checkout, path),)
    return Target(spec=metadata, imports=imports)


def _module_of(checkout: Checkout, path: str) -> str:
    parts = PurePosixPath(path).parts
    packages = set()
    for i in range(1, len(parts)):
        folder = "/".join(parts[:i])
        if (checkout.root / folder / "__init__.py").is_file():
            packages.add(folder)
    return module_name(path, frozenset(packages))


def find_alembic_ini(root: Path) -> Path | None:
    """`alembic.ini` at the root, else the shallowest one below it (outside hidden folders)."""
    if (root / "alembic.ini").is_file():
        return root / "alembic.ini"
    found: list[tuple[int, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS]
        if "alembic.ini" in filenames:
            rel = os.path.relpath(dirpath, root)
            found.append((rel.count(os.sep), rel))
    if not found:
        return None
    return root / min(found)[1] / "alembic.ini"


_SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}


# -- running the child ------------------------------------------------------------------------


def project_python(checkout: Checkout, python: str | None = None) -> str:
    """The interpreter that imports the project's models: `python` (e.g. `--python`), else
    `[tool.sqla-assist] python`, else the environment variable SQLA_ASSIST_PROJECT_PYTHON,
    else sqla-assist's own. Models often need the project's own dependencies, which
    sqla-assist's environment lacks; without them every models file is held back."""
    chosen = python or load_config(checkout.root).python or os.environ.get("SQLA_ASSIST_PROJECT_PYTHON", "")
    if not chosen:
        return sys.executable
    found = shutil.which(chosen) if os.sep not in chosen else None
    path = Path(found) if found else (checkout.root / chosen if not os.path.isabs(chosen) else Path(chosen))
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise PreviewError(f"project Python interpreter not found or not executable: {chosen}")
    return str(path)


_NOT_SOURCE = frozenset({"node_modules", "site-packages", "venv", "env", "build", "dist", "__pycache__"})


def import_roots(root: Path, modules: Sequence[str]) -> list[Path]:
    """Folders below `root` (at most two levels down) that the models' top-level packages are
    imported from: `project/shop/models.py` is module `shop.models` (the scan names modules
    from the outermost `__init__.py`), so `project/` must be on `sys.path`, not only the root."""
    tops = {m.split(".")[0] for m in modules if m}
    found: list[Path] = []
    level = [root]
    for _depth in range(3):
        for folder in level:
            for top in sorted(tops):
                if (folder / top / "__init__.py").is_file() or (folder / f"{top}.py").is_file():
                    if folder not in found:
                        found.append(folder)
                    tops.discard(top)
        if not tops:
            break
        level = [
            child
            for folder in level
            for child in sorted(_subfolders(folder))
            if not child.name.startswith(".") and child.name not in _NOT_SOURCE
        ]
    return found


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [c for c in folder.iterdir() if c.is_dir() and not c.is_symlink()]
    except OSError:
        return []


def run_child(
    root: Path,
    target: Target,
    steps: list[dict[str, Any]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workdir: Path,
    python: str = "",
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[dict[str, Any]], str]:
    """Run `alembic_child` on `root` with `python` (default: this interpreter); return its
    step replies and a process-level error."""
    request_path = workdir / f"request-{os.getpid()}-{id(steps)}.json"
    reply_path = request_path.with_suffix(".reply.json")
    roots = [str(root)] + ([str(root / "src")] if (root / "src").is_dir() else [])
    roots += [str(r) for r in import_roots(root, [target.spec.partition(":")[0], *target.imports]) if str(r) not in roots]
    request = {
        "roots": roots,
        "cwd": str(root),
        "target": target.spec,
        "imports": list(target.imports),
        "required": list(target.required),
        "steps": steps,
        "reply": str(reply_path),
    }
    request_path.write_text(json.dumps(request), encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave no __pycache__ in the user's checkout
    own = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([own, *filter(None, [env.get("PYTHONPATH")])])
    try:
        proc = _run(
            [python or sys.executable, "-m", "sqla_assist.core.alembic_child", str(request_path)],
            workdir, env, timeout, cancelled,
        )
    except subprocess.TimeoutExpired:
        return [], f"loading the models timed out after {timeout:g} s"
    if not reply_path.is_file():
        tail = (proc.stderr or "").strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        return [], f"the model-loading process failed: {tail[0]}"
    reply = json.loads(reply_path.read_text(encoding="utf-8"))
    steps_out: list[dict[str, Any]] = reply["steps"]
    return steps_out, ""


class PreviewCancelled(PreviewError):
    """The caller gave up on the preview (another file selected, escape); the child was killed."""


def _run(
    cmd: list[str], cwd: Path, env: dict[str, str], timeout: float, cancelled: Callable[[], bool] | None
) -> subprocess.CompletedProcess[str]:
    """`subprocess.run` that also stops (kills the child) as soon as `cancelled()` says so:
    a preview nobody waits for must not keep importing the user's models for a minute."""
    with subprocess.Popen(
        cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        deadline = time.monotonic() + timeout
        while True:
            try:
                out, err = proc.communicate(timeout=0.1)
                return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
            except subprocess.TimeoutExpired:
                if cancelled is not None and cancelled():
                    proc.kill()
                    proc.communicate()
                    raise PreviewCancelled("the preview was cancelled") from None
                if time.monotonic() >= deadline:
                    proc.kill()
                    proc.communicate()
                    raise


def copy_checkout(checkout: Checkout, dest: Path, files: Iterable[str] | None = None) -> Path:
    """Copy the checkout's tracked and untracked-not-ignored files (no .git, no venvs)."""
    if files is None:
        out = checkout.repo.git.ls_files(
            "-z", "--cached", "--others", "--exclude-standard", "--deduplicate",
            with_extended_output=False, strip_newline_in_stdout=False,
        )
        files = [f for f in out.split("\0") if f]
    for rel in files:
        src = checkout.root / rel
        if src.is_symlink() or not src.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest


def _with_structural(
    diff: Comparison, before: Mapping[str, Any], after: Mapping[str, Any], step: Mapping[str, Any]
) -> Comparison:
    extra = structural_changes(before, after, step.get("keys", ()))
    if not extra:
        return diff
    nullable = {
        (t, c): bool(info["nullable"])
        for t, table in after.items()
        for c, info in table["columns"].items()
    }
    rendered = render_structural(extra, nullable)
    ops = f"{diff.ops}\n{rendered}" if diff.ops else rendered
    return Comparison(diff.label, ops, (*diff.changes, *(_words(c) for c in extra)), diff.error)


def _write_texts(root: Path, texts: Mapping[str, str]) -> None:
    for rel, text in texts.items():
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")


def _against_migrations(
    checkout: Checkout,
    path: str,
    texts: Mapping[str, str],
    target: Target,
    ini: Path,
    tmp: Path,
    timeout: float,
    database: str,
    before_errors: tuple[str, ...],
    python: str = "",
    cancelled: Callable[[], bool] | None = None,
) -> AlembicPreview:
    """The committed models do not load on this SQLAlchemy (a 1.x-only form such as
    `declarative_base(bind=...)` or `mapper()` is exactly what the fix removes), so there is no
    "before" to compare with. The schema the project ships is the one its migrations build:
    compare the proposed models with a database made by `alembic upgrade head` instead. Empty
    means the fix agrees with the migrations; drift that predates the fix shows up as changes,
    which holds the fix — the safe direction."""
    after_root = copy_checkout(checkout, tmp / "after-migrations")
    _write_texts(after_root, texts)
    url = _sqlite_url(tmp / "migrated-after.db")
    rel_ini = Path(os.path.relpath(ini, checkout.root))
    steps: list[dict[str, Any]] = [
        {"op": "upgrade", "ini": str(after_root / rel_ini), "url": url, "label": "upgrade"},
        {"op": "compare", "url": url, "label": "db"},
    ]
    after, err = run_child(after_root, target, steps, timeout=timeout, workdir=tmp, python=python, cancelled=cancelled)
    failed = err or next((s["error"] for s in after if s["error"]), "")
    if failed:
        # The before error is the one to show; the fallback's own failure is a note.
        return AlembicPreview(
            path, target.spec, None, database, errors=before_errors,
            notes=(f"comparing the proposal with the migrations failed too: {failed}",),
        )
    by_label = {s["label"]: s for s in after}
    diff = _comparison(by_label.get("db"), "models after vs migrations")
    note = (
        "the models as committed do not load on SQLAlchemy 2.x ("
        + "; ".join(e.removeprefix("before: ") for e in before_errors)
        + "), so the proposal was compared with the database the project's migrations build"
    )
    return AlembicPreview(
        path, target.spec, diff, database or "temporary SQLite built by `alembic upgrade head`",
        db_after=diff, notes=(note,),
    )


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _comparison(step: dict[str, Any] | None, label: str) -> Comparison | None:
    if step is None:
        return None
    return Comparison(
        label=label,
        ops=str(step.get("ops", "")),
        changes=tuple(step.get("changes", ())),
        error=str(step.get("error", "")),
    )


_ALEMBIC_NAMES = {"default": "server_default"}


def structural_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], seen: Iterable[Iterable[str]] = ()
) -> list[tuple[str, str, str, Any, Any]]:
    """`(table, column, what, old, new)` for every DDL difference of two descriptions.

    `seen` holds `[table, column, what]` keys autogenerate already reported; they are left out.
    Added and removed tables or columns are autogenerate's job (it never misses those).
    """
    skip = {(t, c, _ALEMBIC_NAMES.get(w, w)) for t, c, w in (tuple(k) for k in seen)}
    out: list[tuple[str, str, str, Any, Any]] = []
    for table in sorted(set(before) & set(after)):
        old_cols, new_cols = before[table]["columns"], after[table]["columns"]
        for column in sorted(set(old_cols) & set(new_cols)):
            for what in sorted(old_cols[column]):
                old, new = old_cols[column][what], new_cols[column].get(what)
                if old != new and (table.rsplit(".", 1)[-1], column, what) not in skip:
                    out.append((table, column, what, old, new))
        old_extra, new_extra = before[table]["extras"], after[table]["extras"]
        if old_extra != new_extra:
            out.append((table, "", "constraints", old_extra, new_extra))
    return out


def render_structural(changes: list[tuple[str, str, str, Any, Any]], nullable: Mapping[tuple[str, str], bool]) -> str:
    """Alembic-style operations for the differences reflection could not show."""
    lines: list[str] = []
    for table, column, what, old, new in changes:
        if what == "type":
            existing = nullable.get((table, column), True)
            lines.append(
                f"    op.alter_column({table!r}, {column!r},\n"
                f"               existing_type=sa.{old},\n"
                f"               type_=sa.{new},\n"
                f"               existing_nullable={existing})"
            )
        else:
            lines.append(f"    # {table}{'.' + column if column else ''}: {what} {old!r} → {new!r}")
    if not lines:
        return ""
    return (
        "    # ### not visible to autogenerate's reflection; found by comparing the models ###\n"
        + "\n".join(lines)
    )


def _words(change: tuple[str, str, str, Any, Any]) -> str:
    table, column, what, old, new = change
    where = f"{table}.{column}" if column else table
    if what == "nullable":
        old, new = ("NULL" if old else "NOT NULL"), ("NULL" if new else "NOT NULL")
    return f"{where}: {what} {old} → {new}"


def mask_url(url: str) -> str:
    """A URL fit to show: the password replaced by `***`."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def preview(
    checkout: Checkout,
    path: str,
    new_text: str,
    *,
    metadata_target: Target | str | None = None,
    db_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    migrations: bool = True,
    also: Mapping[str, str] | None = None,
    python: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AlembicPreview:
    """Compare the models before and after writing `new_text` into `path` (repo-relative).

    `also` holds other files written together with it (a fix's companion edits, e.g. the reverse
    side of a relationship in another module): the "after" models see all of them at once.
    `cancelled` is polled while a child runs; when it returns True the child is killed and
    `PreviewCancelled` raised.
    """
    also = dict(also or {})
    python = project_python(checkout, python)
    if isinstance(metadata_target, str):
        metadata_target = target_from_config(metadata_target, path, checkout)
    if metadata_target is None or not metadata_target.spec:
        raise PreviewError(
            "no metadata target: set `[tool.sqla-assist] metadata = \"pkg.models:Base.metadata\"` "
            "or pass --metadata MODULE:ATTR"
        )
    target = metadata_target
    for changed in (path, *also):
        if changed.endswith(".py"):
            module = _module_of(checkout, changed)
            imports = target.imports if module in target.imports else (*target.imports, module)
            target = Target(target.spec, imports, (*target.required, module))
    source = checkout.root / path
    if not source.resolve().is_relative_to(checkout.root):
        raise PreviewError(f"{path} is outside the checkout")
    errors: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sqla-assist-alembic-") as tmp_name:
        tmp = Path(tmp_name)
        models_db = _sqlite_url(tmp / "models-before.db")
        migrated_db = _sqlite_url(tmp / "migrated.db")
        ini = find_alembic_ini(checkout.root) if (migrations and db_url is None) else None
        database = ""
        if db_url is not None:
            compare_url = db_url
            database = mask_url(db_url)
        elif ini is not None:
            compare_url = migrated_db
            rel_ini = Path(os.path.relpath(ini, checkout.root)).as_posix()
            database = f"temporary SQLite built by `alembic upgrade head` ({rel_ini})"
        else:
            compare_url = ""
            notes.append("no alembic.ini found: models were not compared with migrations")

        before_steps: list[dict[str, Any]] = [
            {"op": "create_all", "url": models_db, "required": True},
            {"op": "compare", "url": models_db, "label": "baseline"},
            {"op": "describe", "label": "describe"},
        ]
        if ini is not None:
            before_steps.append({"op": "upgrade", "ini": str(ini), "url": migrated_db, "label": "upgrade"})
        if compare_url:
            before_steps.append({"op": "compare", "url": compare_url, "label": "db"})
        before, err = run_child(checkout.root, target, before_steps, timeout=timeout, workdir=tmp, python=python, cancelled=cancelled)
        if err:
            errors.append(f"before: {err}")
        else:
            errors.extend(
                f"before: {s['error']}" for s in before if s["error"] and s["label"] not in ("db", "upgrade")
            )
        if errors:
            if ini is not None:
                return _against_migrations(
                    checkout, path, {**also, path: new_text}, target, ini, tmp, timeout, database, tuple(errors),
                    python, cancelled,
                )
            return AlembicPreview(path, target.spec, None, database, errors=tuple(errors))
        by_label = {s["label"]: s for s in before}
        baseline = by_label.get("baseline", {})
        if baseline.get("changes"):
            notes.append(
                "the models do not round-trip through SQLite exactly: "
                + "; ".join(baseline["changes"])
            )
        upgrade = by_label.get("upgrade")
        db_ok = True
        db_before = _comparison(by_label.get("db"), "models before vs database")
        if upgrade is not None and upgrade["error"]:
            # Migrations that cannot run on SQLite (dialect-specific DDL) are common: say so,
            # but the models' own before/after verdict does not depend on them.
            db_ok = False
            db_before = Comparison("models before vs database", error=f"alembic upgrade head: {upgrade['error']}")

        after_root = copy_checkout(checkout, tmp / "after")
        _write_texts(after_root, {**also, path: new_text})
        after_steps: list[dict[str, Any]] = [
            {"op": "compare", "url": models_db, "label": "models"},
            {"op": "describe", "label": "describe"},
        ]
        if compare_url and db_ok:
            after_steps.append({"op": "compare", "url": compare_url, "label": "db"})
        after, err = run_child(after_root, target, after_steps, timeout=timeout, workdir=tmp, python=python, cancelled=cancelled)
        if err:
            errors.append(f"after: {err}")
            return AlembicPreview(path, target.spec, None, database, db_before, None, tuple(errors), tuple(notes))
        before_tables = by_label["describe"].get("tables", {})
        by_label = {s["label"]: s for s in after}
        model_diff = _comparison(by_label.get("models"), "models before → after")
        after_tables = by_label.get("describe", {}).get("tables")
        if model_diff is not None and not model_diff.error and after_tables is not None:
            model_diff = _with_structural(model_diff, before_tables, after_tables, by_label["models"])
        if model_diff is not None and model_diff.error:
            errors.append(f"after: {model_diff.error}")
        db_after = _comparison(by_label.get("db"), "models after vs database")
    return AlembicPreview(
        path=path,
        target=target.spec,
        model_diff=model_diff,
        database=database,
        db_before=db_before,
        db_after=db_after,
        errors=tuple(errors),
        notes=tuple(notes),
    )
