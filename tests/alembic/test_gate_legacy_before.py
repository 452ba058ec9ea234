"""A fix whose "before" cannot load on 2.x (SQ303's `declarative_base(bind=...)`) is compared
with the database the project's own migrations build instead of being held blindly."""

from __future__ import annotations

import subprocess

from sqla_assist.core.alembic_preview import preview
from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.model_gate import gate
from sqla_assist.core.scan import Scanner
from tests.alembic.conftest import DEMO_TARGET


def _bind_the_base(demo: Checkout) -> None:
    db = demo.root / "shop" / "db.py"
    db.write_text(db.read_text().replace("Base = declarative_base()", "Base = declarative_base(bind=engine)"))
    subprocess.run(["git", "commit", "-qam", "bound base"], cwd=demo.root, check=True)


def test_legacy_before_is_checked_against_migrations(demo: Checkout) -> None:
    _bind_the_base(demo)
    checkout = open_checkout(demo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "shop/db.py", rules=["SQ303"])
    assert proposal is not None and [f.rule for f in proposal.fixed] == ["SQ303"]
    assert "bind=engine" not in proposal.new_text.split("Base = ")[1].splitlines()[0]

    verdict = gate(checkout, proposal, metadata_target=DEMO_TARGET)
    assert verdict.needed and verdict.ok, verdict.explain()
    assert verdict.preview is not None
    assert any("migrations build" in n for n in verdict.preview.notes)


def test_drift_from_the_migrations_still_holds_the_fix(demo: Checkout) -> None:
    _bind_the_base(demo)
    text = (demo.root / "shop" / "db.py").read_text().replace("declarative_base(bind=engine)", "declarative_base()")
    # The proposal also adds a table the migrations never created: not schema-neutral.
    text += "\n\nfrom sqlalchemy import Column, Integer, Table\nextra = Table('extra', Base.metadata, Column('id', Integer, primary_key=True))\n"
    result = preview(demo, "shop/db.py", text, metadata_target=DEMO_TARGET)
    assert not result.is_empty
    assert result.model_diff is not None and "extra" in result.model_diff.ops
