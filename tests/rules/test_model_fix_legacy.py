"""Typed-model fixes whose legacy form fails on 2.x keep the mapping, checked against 1.4.

SQ303 (`declarative_base(bind=)` is a TypeError), SQ304 (`mapper()` is removed) and SQ312
(a non-`Mapped` relationship annotation raises) cannot be loaded on 2.x before the fix, so
the in-process schema check and the Alembic gate cannot judge them. Here fix_before.py runs
on SQLAlchemy 1.4 (the behaviour harness's cached venv) and fix_after.py on the installed 2.x
with deprecation warnings as errors; the CREATE TABLE statements and every mapped attribute
(kind; for relationships direction, uselist, target, loader, order) must be identical.
SQ314 and SQ315 are included as well: their fixes must also map on 2.x exactly what 1.4 did.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.behaviour.test_behaviour import _sa14_python

HERE = Path(__file__).parent
CASES = HERE / "cases"
PROBE = HERE / "model_probe.py"


def _probe(python: Path | str, path: Path, *extra: str) -> dict[str, Any]:
    out = subprocess.run([str(python), str(PROBE), str(path), *extra], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


@pytest.mark.parametrize("rule", ["SQ303", "SQ304", "SQ312", "SQ314", "SQ315"])
def test_fix_maps_on_2x_what_1_4_mapped(rule: str) -> None:
    legacy = _probe(_sa14_python(), CASES / rule / "fix_before.py")
    fixed = _probe(sys.executable, CASES / rule / "fix_after.py", "strict")
    assert legacy["ddl"] and legacy["mapped"], "the fixture must define tables and mapped classes"
    assert fixed["ddl"] == legacy["ddl"]
    assert fixed["mapped"] == legacy["mapped"]


@pytest.mark.parametrize("rule", ["SQ303", "SQ304", "SQ312"])
def test_legacy_form_fails_on_2x(rule: str) -> None:
    """The fixtures really are 2.0 breakages: without the fix they do not load on 2.x."""
    out = subprocess.run([sys.executable, str(PROBE), str(CASES / rule / "fix_before.py")], capture_output=True, text=True, timeout=300)
    assert out.returncode != 0
