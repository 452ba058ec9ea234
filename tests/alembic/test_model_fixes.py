"""Typed-model fixers against the Alembic oracle: converted models give an EMPTY autogenerate diff.

Acceptance criteria of issue 7: the demo project's models converted by `sqla-assist fix --write`
keep the schema (checked again here with the real preview, file by file), a models module with
every trap of RULES.md §4 converts schema-neutrally, and `fix --write` refuses to write a models
file whose preview is not empty unless `--unsafe` is given.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner as ClickRunner

from sqla_assist import exit_codes
from sqla_assist.cli import main
from sqla_assist.core import fix as fix_module
from sqla_assist.core import fix_run
from sqla_assist.core.alembic_preview import Target, preview
from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.model_gate import gate, needs_gate
from sqla_assist.core.scan import Scanner
from sqla_assist.demo import make_demo_repo
from tests.conftest import CliRunner, Repo

from .conftest import DEMO_TARGET, case

TRAPS = Path(__file__).resolve().parent.parent / "fixtures" / "typed_traps"
TRAPS_TARGET = Target("traps.db:Base.metadata", ("traps.models",))


def test_demo_models_fixed_by_cli_keep_the_schema(cli: CliRunner, tmp_path: Path) -> None:
    root = make_demo_repo(tmp_path / "shop")
    old_db = (root / "shop/db.py").read_text()
    old_models = (root / "shop/models.py").read_text()
    proc = cli("fix", str(root), "--write", "--rule", "SQ3")
    assert proc.returncode == 0, proc.stderr
    assert "shop/models.py: Alembic autogenerate is empty" in proc.stderr
    new_db = (root / "shop/db.py").read_text()
    new_models = (root / "shop/models.py").read_text()
    assert "class Base(DeclarativeBase):" in new_db
    assert "Base.query = db_session.query_property()" in new_db
    assert "Column(" not in new_models.split("class User", 1)[1]
    assert "backref=" not in new_models
    for line in (
        '    name: Mapped[Optional[str]] = mapped_column(String(50))',
        '    user_id: Mapped[Optional[int]] = mapped_column(Integer, ForeignKey("users.id"))',
        '    addresses: Mapped[List["Address"]] = relationship("Address", back_populates="user", cascade="all, delete-orphan")',
        '    orders: DynamicMapped["Order"] = relationship("Order", back_populates="customer", lazy="dynamic")',
        '    user: Mapped["User"] = relationship("User", back_populates="addresses")',
        '    customer: Mapped[Optional["User"]] = relationship("User", back_populates="orders")',
    ):
        assert line in new_db + new_models
    # The real preview, from the original project, one file at a time: both steps are empty,
    # and the migrated database still agrees with the converted models.
    (root / "shop/db.py").write_text(old_db)
    (root / "shop/models.py").write_text(old_models)
    checkout = open_checkout(root)
    first = preview(checkout, "shop/db.py", new_db, metadata_target=DEMO_TARGET)
    assert first.errors == () and first.is_empty, first.changes
    (root / "shop/db.py").write_text(new_db)
    second = preview(checkout, "shop/models.py", new_models, metadata_target=DEMO_TARGET)
    assert second.errors == () and second.is_empty, second.changes
    assert second.db_after is not None and second.db_after.is_empty, second.db_after


def _traps_repo(repo: Repo) -> Checkout:
    for name in ("db.py", "models.py"):
        repo.write(f"traps/{name}", (TRAPS / name).read_text())
    repo.write("traps/__init__.py", "")
    repo.commit("traps")
    return open_checkout(repo.root)


def test_every_trap_converts_with_an_empty_diff(repo: Repo) -> None:
    checkout = _traps_repo(repo)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "traps/models.py", rules=["SQ3"])
    assert proposal is not None
    fixed = {f.rule for f in proposal.fixed}
    assert {"SQ308", "SQ309", "SQ311", "SQ313"} <= fixed
    assert [f.rule for f, _ in proposal.not_fixed] == []
    text = proposal.new_text
    for line in (
        "    motto: Mapped[Optional[str]] = mapped_column(String)",
        '    founded: Mapped[Optional[datetime.date]] = mapped_column(Date, server_default="2000-01-01")',
        '    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("team.id"))',
        '    badge: Mapped[Optional["Badge"]] = relationship("Badge", uselist=False, back_populates="member")',
        '    member: Mapped["Member"] = relationship("Member", back_populates="badge")',
        '    members: Mapped[List["Member"]] = relationship("Member", back_populates="tags", secondary=member_tag, lazy="selectin")',
    ):
        assert line in text
    verdict = gate(checkout, proposal, metadata_target=TRAPS_TARGET)
    assert verdict.needed and verdict.ok, verdict.explain()
    assert verdict.preview is not None and verdict.preview.ops == ""
    # The base file as well.
    base = propose(checkout, result, "traps/db.py", rules=["SQ3"])
    assert base is not None and "    metadata = MetaData(naming_convention=NAMING)" in base.new_text
    assert gate(checkout, base, metadata_target=TRAPS_TARGET).ok


def test_gate_holds_a_schema_changing_proposal(demo: Checkout) -> None:
    result = Scanner(demo, use_cache=False).run()
    proposal = propose(demo, result, "shop/models.py", rules=["SQ308"])
    assert proposal is not None and needs_gate(proposal)
    naive = dataclasses.replace(proposal, new_text=case("models_naive.py"))
    verdict = gate(demo, naive, metadata_target=DEMO_TARGET)
    assert verdict.needed and not verdict.ok
    assert "op.alter_column('orders', 'user_id'" in verdict.ops
    assert "would change the schema" in verdict.explain()
    missing = gate(demo, proposal, metadata_target=None)
    assert not missing.ok and "no metadata target" in missing.explain()
    outside = propose(demo, result, "shop/services.py", rules=["SQ1"])
    assert outside is not None and not needs_gate(outside) and gate(demo, outside, metadata_target=None).ok


@pytest.fixture
def naive_proposals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the fixers propose the naive conversion for the demo models (a buggy fixer)."""
    real = fix_module.propose

    def fake(*args: Any, **kwargs: Any) -> Any:
        proposal = real(*args, **kwargs)
        if proposal is not None and proposal.path == "shop/models.py":
            return dataclasses.replace(proposal, new_text=case("models_naive.py"))
        return proposal

    monkeypatch.setattr(fix_module, "propose", fake)
    monkeypatch.setattr(fix_run, "propose", fake)  # the CLI's fix loop holds its own reference


@pytest.mark.usefixtures("naive_proposals")
def test_fix_write_refuses_a_schema_change_unless_unsafe(tmp_path: Path) -> None:
    root = make_demo_repo(tmp_path / "shop")
    before = (root / "shop/models.py").read_text()
    runner = ClickRunner()
    res = runner.invoke(main, ["fix", str(root), "--write", "--rule", "SQ308"])
    assert res.exit_code == exit_codes.FINDINGS, res.output
    assert (root / "shop/models.py").read_text() == before
    assert "would change the schema" in res.stderr and "not written" in res.stderr
    assert "op.alter_column('orders', 'user_id'" in res.stderr
    assert res.stdout == ""
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    forced = runner.invoke(main, ["fix", str(copy), "--write", "--unsafe", "--rule", "SQ308"])
    assert (copy / "shop/models.py").read_text() != before, forced.stderr


def test_models_in_a_subfolder_of_the_repository_are_imported_from_it(cli: CliRunner, tmp_path: Path) -> None:
    """A monorepo: the demo lives in `backend/`, so its package `shop` imports from there, not
    from the repository root; the schema gate must find it or every models file is held back."""
    demo = make_demo_repo(tmp_path / "demo")
    root = tmp_path / "mono"
    shutil.copytree(demo, root / "backend", ignore=shutil.ignore_patterns(".git"))
    git_env = ("-c", "user.name=t", "-c", "user.email=t@example.invalid")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", *git_env, "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", *git_env, "-C", str(root), "commit", "-qm", "monorepo"], check=True)
    proc = cli("fix", str(root), "--write", "--rule", "SQ3")
    assert proc.returncode == 0, proc.stderr
    assert "schema check failed" not in proc.stderr
    assert "backend/shop/models.py: Alembic autogenerate is empty" in proc.stderr
    assert "mapped_column(" in (root / "backend/shop/models.py").read_text()
