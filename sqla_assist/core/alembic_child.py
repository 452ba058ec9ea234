"""The child-process half of the Alembic preview: the only place the project's code runs.

`alembic_preview` starts `python -m sqla_assist.core.alembic_child REQUEST.json`; this module
imports the project's models, runs the requested steps (build a SQLite database with
`create_all` or the project's own `alembic upgrade head`, compare the models with a database
through Alembic's autogenerate API) and writes a JSON reply to the file the request names.
The reply goes to a file, not stdout, so whatever the user's code prints cannot corrupt it.
Nothing here writes a revision file, and a database is only written when a step says so.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import CheckConstraint, MetaData, UniqueConstraint, create_engine
from sqlalchemy.pool import NullPool


class StepError(Exception):
    """A failure already phrased for the user (no traceback needed)."""


def describe(exc: BaseException, roots: list[str]) -> str:
    """`Type: message (file:line in func)`, naming the deepest frame of the user's code."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{text} ({_rel(exc.filename, roots)}:{exc.lineno})"
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if _inside(f.filename, roots)]
    if own:
        f = own[-1]
        text += f" ({_rel(f.filename, roots)}:{f.lineno} in {f.name})"
    return text


def _inside(filename: str, roots: list[str]) -> bool:
    path = os.path.realpath(filename)
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _rel(filename: str, roots: list[str]) -> str:
    path = os.path.realpath(filename)
    for r in roots:
        if path.startswith(r.rstrip(os.sep) + os.sep):
            return Path(os.path.relpath(path, r)).as_posix()
    return filename


def load_metadata(
    target: str, imports: list[str], roots: list[str], required: list[str] | None = None
) -> MetaData:
    """Import the modules that define models, then resolve `module:attr.path` to a MetaData.

    With `required` given, only those modules and the target's must import: another guessed
    model module (a class deriving from any project class is a candidate) that fails here, e.g.
    on an optional dependency missing from this interpreter, is skipped. The "before" and
    "after" runs skip it alike, so its tables are absent from both sides and cannot hide a
    change; had it really held models tied to the previewed ones, mapping fails and says so.
    """
    module_name, _, attr_path = target.partition(":")
    if not module_name or not attr_path:
        raise StepError(f"metadata target {target!r} must look like `package.module:Base.metadata`")
    for name in [*imports, module_name]:
        try:
            importlib.import_module(name)
        except Exception as exc:
            if required is not None and name not in required and name != module_name:
                continue
            raise StepError(f"importing {name}: {describe(exc, roots)}") from None
    obj: Any = sys.modules[module_name]
    for part in attr_path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise StepError(f"{target}: {module_name} has no attribute path {attr_path!r}") from None
    if not isinstance(obj, MetaData):
        obj = getattr(obj, "metadata", obj)  # a declarative base names its MetaData
    if not isinstance(obj, MetaData):
        raise StepError(f"{target} is a {type(obj).__name__}, not a sqlalchemy MetaData")
    return obj


def create_all(metadata: MetaData, url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()


def upgrade_head(ini: str, url: str) -> None:
    """Run the project's migrations into `url` (a temp SQLite file) with its own env.py."""
    from alembic import command
    from alembic.config import Config

    previous = os.getcwd()
    os.chdir(os.path.dirname(ini))  # a relative script_location is relative to the ini's folder
    try:
        cfg = Config(ini)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        command.upgrade(cfg, "head")
    finally:
        os.chdir(previous)
    engine = create_engine(url, poolclass=NullPool)
    try:
        from sqlalchemy import inspect

        if "alembic_version" not in inspect(engine).get_table_names():
            raise StepError(
                "alembic upgrade head did not write to the temporary database: "
                "env.py seems to ignore the `sqlalchemy.url` option"
            )
    finally:
        engine.dispose()


def compare(metadata: MetaData, url: str) -> dict[str, Any]:
    """Autogenerate the upgrade operations that would bring `url`'s schema to `metadata`.

    Only reflection happens on the connection, inside a transaction that is rolled back.
    """
    from alembic.autogenerate import produce_migrations, render_python_code
    from alembic.migration import MigrationContext

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    "target_metadata": metadata,
                },
            )
            script = produce_migrations(ctx, metadata)
            conn.rollback()
    finally:
        engine.dispose()
    ops = script.upgrade_ops
    if ops is None or ops.is_empty():
        return {"ops": "", "changes": []}
    diffs = ops.as_diffs()
    return {
        "ops": render_python_code(ops),
        "changes": [describe_diff(d) for d in diffs],
        "keys": diff_keys(diffs),
    }


def diff_keys(diffs: list[Any]) -> list[list[str]]:
    """`[table, column, what]` of every column modification, to tell which ones Alembic saw."""
    keys: list[list[str]] = []
    for diff in diffs:
        for d in diff if isinstance(diff, list) else [diff]:
            if isinstance(d, tuple) and d and str(d[0]).startswith("modify_"):
                keys.append([str(d[2]), str(d[3]), str(d[0]).removeprefix("modify_")])
    return keys


def describe_metadata(metadata: MetaData) -> dict[str, Any]:
    """A canonical, JSON-able account of the DDL-relevant parts of every table.

    Autogenerate compares models with a *reflected* database, and reflection loses things
    (a `String(50)` compared with a bare `String` is no change to it). Comparing two of
    these descriptions is exact, so the preview also catches what reflection cannot see.
    """
    tables: dict[str, Any] = {}
    for table in metadata.sorted_tables:
        columns: dict[str, Any] = {}
        for col in table.columns:
            default = col.server_default
            arg = getattr(default, "arg", None)
            columns[col.name] = {
                "type": repr(col.type),
                "nullable": bool(col.nullable),
                "primary_key": bool(col.primary_key),
                "server_default": None if arg is None else str(getattr(arg, "text", arg)),
                "foreign_keys": sorted(fk.target_fullname for fk in col.foreign_keys),
            }
        extras = sorted(
            f"UniqueConstraint({', '.join(col.name for col in c.columns)})"
            for c in table.constraints
            if isinstance(c, UniqueConstraint)
        )
        extras += sorted(
            f"CheckConstraint({c.sqltext})" for c in table.constraints if isinstance(c, CheckConstraint)
        )
        extras += sorted(
            f"{'unique ' if ix.unique else ''}Index({', '.join(getattr(e, 'name', str(e)) for e in ix.expressions)})"
            for ix in table.indexes
        )
        key = f"{table.schema}.{table.name}" if table.schema else table.name
        tables[key] = {"columns": columns, "extras": extras}
    return tables


def describe_diff(diff: Any) -> str:
    """One autogenerate diff tuple in words, e.g. `orders.status: NULL → NOT NULL`."""
    if isinstance(diff, list):
        return "; ".join(describe_diff(d) for d in diff)
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        return f"{kind.replace('_', ' ')} {diff[1].name}"
    if kind in ("add_column", "remove_column"):
        return f"{kind.replace('_', ' ')} {diff[2]}.{diff[3].name} ({diff[3].type})"
    if kind.startswith("modify_"):
        _, _schema, table, column, _existing, old, new = diff
        what = kind.removeprefix("modify_")
        if what == "nullable":
            old, new = ("NULL" if old else "NOT NULL"), ("NULL" if new else "NOT NULL")
        else:
            old, new = _show(old), _show(new)
        return f"{table}.{column}: {what} {old} → {new}"
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        obj = diff[1]
        table = getattr(getattr(obj, "table", None), "name", "?")
        label = type(obj).__name__
        return f"{kind.split('_')[0]} {label} {obj.name or ''} on {table}".replace("  ", " ")
    if kind in ("add_fk", "remove_fk"):
        fk = diff[1]
        cols = ", ".join(c.name for c in fk.columns)
        return f"{kind.split('_')[0]} foreign key {fk.parent.name}({cols}) → {fk.referred_table.name}"
    return " ".join(str(part) for part in diff)


def _show(value: Any) -> str:
    if value is None:
        return "none"
    arg = getattr(value, "arg", None)  # a server default
    if arg is not None:
        return repr(str(getattr(arg, "text", arg)))
    return str(value)


def run(request: dict[str, Any]) -> dict[str, Any]:
    roots = [os.path.realpath(r) for r in request["roots"]]
    for root in reversed(roots):
        sys.path.insert(0, root)
    os.chdir(request["cwd"])
    metadata: MetaData | None = None
    load_error = ""
    results: list[dict[str, Any]] = []
    for step in request["steps"]:
        op = step["op"]
        out: dict[str, Any] = {"op": op, "label": step.get("label", op), "error": ""}
        try:
            if op == "upgrade":
                upgrade_head(step["ini"], step["url"])
            else:
                if load_error:
                    raise StepError(load_error)
                if metadata is None:
                    try:
                        metadata = load_metadata(
                            request["target"], request["imports"], roots, request.get("required") or None
                        )
                    except StepError as exc:
                        load_error = str(exc)
                        raise
                if op == "create_all":
                    create_all(metadata, step["url"])
                elif op == "describe":
                    out["tables"] = describe_metadata(metadata)
                elif op == "compare":
                    out.update(compare(metadata, step["url"]))
                else:
                    raise StepError(f"unknown step {op!r}")
        except StepError as exc:
            out["error"] = str(exc)
        except Exception as exc:
            out["error"] = describe(exc, roots)
        results.append(out)
        if out["error"] and step.get("required", False):
            break
    return {"steps": results}


def main(argv: list[str]) -> int:
    request = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    # The user's code may print; keep our own stdout out of it entirely.
    with contextlib.redirect_stdout(sys.stderr):
        reply = run(request)
    Path(request["reply"]).write_text(json.dumps(reply), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
