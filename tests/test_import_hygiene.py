"""Invariant: `sqla_assist.core` and `sqla_assist.rules` never import Textual (headless core)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

PROBE = """
import sys, pkgutil, importlib
import sqla_assist.core, sqla_assist.rules
for pkg in (sqla_assist.core, sqla_assist.rules):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
sqla_assist.rules.all_rules()
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(bad))
"""


def test_core_and_rules_do_not_import_textual() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


_IMPORT = re.compile(r"^\s*(from|import)\s+textual\b", re.M)


def test_no_textual_import_statements_in_core() -> None:
    for folder in ("core", "rules"):
        for path in (REPO_ROOT / "sqla_assist" / folder).rglob("*.py"):
            assert not _IMPORT.search(Path(path).read_text()), path


WARM_PROBE = """
import sys
import sqla_assist.cli, sqla_assist.core.scan, sqla_assist.core.report
heavy = ("git", "concurrent.futures", "multiprocessing", "sqla_assist.core.analyze", "sqla_assist.rules._loaded", "libcst")
print(",".join(sorted(m for m in sys.modules if m in heavy or m.startswith("sqla_assist.rules.") )))
"""


def test_warm_rescan_path_imports_nothing_heavy() -> None:
    """The CLI and the scanner import neither gitpython, the process pool, the analyser nor a
    rule at start-up: a rescan with everything cached needs none of them (~0.15 s of imports)."""
    out = subprocess.run(
        [sys.executable, "-c", WARM_PROBE], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


SETTLE_PROBE = """
import sys
import sqla_assist.cli, sqla_assist.core.scan, sqla_assist.core.gather
import sqla_assist.rules._selection_verdict
heavy = ("sqla_assist.core.analyze", "sqla_assist.core.evidence", "sqla_assist.rules._storedquery_shapes")
print(",".join(sorted(m for m in sys.modules if m in heavy)))
"""


def test_settling_selections_imports_no_analyser() -> None:
    """Most cached findings with a project-wide verdict are Query selections (superset: 216);
    settling them on a rescan must not load the analyser or evidence (~60 ms of imports)."""
    out = subprocess.run(
        [sys.executable, "-c", SETTLE_PROBE], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
