"""SQ310/SQ314/SQ315 fixes against the Alembic oracle: the schema gate sees an empty diff.

Each rule's fix_before.py is a project's models module; the proposal for that rule alone goes
through `gate()`, the check `fix --write` applies to typed-model fixes (issue 7): Alembic
autogenerate between the models on disk and the proposed ones must be empty.

The gate imports the "before" models with the tool's own SQLAlchemy (2.x), so it can only judge
fixes whose legacy form still imports there. SQ303/SQ304/SQ312 fix forms that fail on 2.x
(`bind=` TypeError, removed `mapper()`, MappedAnnotationError); their schema neutrality is
checked against SQLAlchemy 1.4 in tests/rules/test_model_fix_legacy.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sqla_assist.core.alembic_preview import Target
from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.model_gate import gate
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

CASES = Path(__file__).resolve().parent.parent / "rules" / "cases"
TARGET = Target("app.models:Base.metadata", ("app.models",))


@pytest.mark.parametrize("rule", ["SQ310", "SQ314", "SQ315"])
def test_fix_passes_the_schema_gate(rule: str, repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/models.py", (CASES / rule / "fix_before.py").read_text())
    repo.commit("models")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False, opt_in=[rule]).run()
    proposal = propose(checkout, result, "app/models.py", rules=[rule])
    assert proposal is not None and proposal.fixed
    assert proposal.new_text == (CASES / rule / "fix_after.py").read_text()
    verdict = gate(checkout, proposal, metadata_target=TARGET)
    assert verdict.needed and verdict.ok, verdict.explain()
    assert verdict.preview is not None and verdict.preview.ops == ""


def test_stub_requirement_fix_is_not_gated(repo: Repo) -> None:
    """SQ318 edits a `setup.py` list, no model: no schema preview (which would import and run it)."""
    from sqla_assist.core.model_gate import needs_gate

    repo.write("setup.py", (CASES / "SQ318" / "fix_before.py").read_text())
    repo.commit("setup")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "setup.py", rules=["SQ318"])
    assert proposal is not None and proposal.fixed
    assert not needs_gate(proposal)
    assert gate(checkout, proposal, metadata_target=None).ok
