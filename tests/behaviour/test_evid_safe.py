"""The corpus_evid shapes must be fixed by *safe* fixes, not only by `--unsafe` ones.

The differential harness fixes with `unsafe=True` to exercise every fixer; this checks the
other half of issue #4: the evidence for these rows is proved, so plain `fix --write` applies
them. A regression to name-only (weak) evidence fails here.
"""

from __future__ import annotations

import pytest

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.findings import FixSafety
from sqla_assist.rules import all_rules
from tests.behaviour.corpus import CASES
from tests.behaviour.corpus_evid import CASES_EVID
from tests.behaviour.test_behaviour import _module


@pytest.mark.parametrize("name", list(CASES_EVID))
def test_evid_case_is_fixed_safely(name: str) -> None:
    rules, header, body = CASES[name]
    analysis = analyze_source(_module(header, body).encode(), all_rules(), module=name, is_package=False)
    assert analysis.error is None, analysis.error
    found = [f for f in analysis.findings if f.rule in rules]
    assert found, f"{name}: none of {rules} found"
    unsafe = [(f.rule, f.line, f.message) for f in found if f.effective_fix() is not FixSafety.SAFE]
    assert not unsafe, f"{name}: fixes left unsafe: {unsafe}"
