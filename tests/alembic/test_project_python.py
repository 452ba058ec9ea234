"""The models are imported by the project's own interpreter when one is configured.

Real models import the project's dependencies, which sqla-assist's environment usually lacks;
the stand-in here is an interpreter whose environment has one extra package (`shopdeps`), as a
project virtualenv would.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqla_assist.core.alembic_preview import PreviewError, preview
from sqla_assist.core.checkout import open_checkout
from sqla_assist.demo import make_demo_repo
from tests.conftest import CliRunner

from .conftest import CASES, DEMO_TARGET


def _project_with_a_dependency(tmp_path: Path) -> tuple[Path, Path]:
    """The demo, whose models now import a package only the "project interpreter" has."""
    root = make_demo_repo(tmp_path / "shop")
    models = root / "shop/models.py"
    models.write_text("import shopdeps  # noqa: F401\n" + models.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["git", "commit", "-qam", "models need shopdeps"], cwd=root, check=True)
    site = tmp_path / "project-site"
    (site / "shopdeps").mkdir(parents=True)
    (site / "shopdeps/__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    python = tmp_path / "project-python"
    python.write_text(
        f'#!/bin/sh\nPYTHONPATH="{site}${{PYTHONPATH:+:$PYTHONPATH}}" exec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return root, python


def _typed() -> str:
    return "import shopdeps  # noqa: F401\n" + (CASES / "models_typed.py").read_text(encoding="utf-8")


def test_models_needing_project_dependencies_fail_in_our_interpreter(tmp_path: Path) -> None:
    root, _python = _project_with_a_dependency(tmp_path)
    result = preview(open_checkout(root), "shop/models.py", _typed(), metadata_target=DEMO_TARGET)
    assert result.errors and "No module named 'shopdeps'" in result.errors[0]


def test_configured_interpreter_imports_them(tmp_path: Path) -> None:
    root, python = _project_with_a_dependency(tmp_path)
    (root / "pyproject.toml").write_text(f'[tool.sqla-assist]\npython = "{python}"\n', encoding="utf-8")
    result = preview(open_checkout(root), "shop/models.py", _typed(), metadata_target=DEMO_TARGET)
    assert result.errors == ()
    assert result.is_empty


def test_relative_interpreter_path_and_missing_interpreter(tmp_path: Path) -> None:
    root, python = _project_with_a_dependency(tmp_path)
    (root / "tools").mkdir()
    os.symlink(python, root / "tools/py")
    checkout = open_checkout(root)
    result = preview(checkout, "shop/models.py", _typed(), metadata_target=DEMO_TARGET, python="tools/py")
    assert result.errors == () and result.is_empty
    try:
        preview(checkout, "shop/models.py", _typed(), metadata_target=DEMO_TARGET, python="no/such/python")
    except PreviewError as exc:
        assert str(exc) == "project Python interpreter not found or not executable: no/such/python"
    else:
        raise AssertionError("a missing interpreter must be refused")


def test_cli_python_option(cli: CliRunner, tmp_path: Path) -> None:
    root, python = _project_with_a_dependency(tmp_path)
    new = tmp_path / "typed.py"
    new.write_text(_typed(), encoding="utf-8")
    args = ("alembic", str(root), "--file", "shop/models.py", "--new-text", str(new), "--metadata", DEMO_TARGET.spec)
    without = cli(*args)
    assert without.returncode == 2 and "No module named 'shopdeps'" in without.stdout
    proc = cli(*args, "--python", str(python))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("== shop/models.py: schema-neutral (empty autogenerate diff)\n")
    bad = cli(*args, "--python", str(tmp_path / "nope"))
    assert bad.returncode == 2 and "project Python interpreter not found" in bad.stderr
