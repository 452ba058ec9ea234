"""Typed-model fixers on the shapes their fixtures do not show: refusals and file styles."""

from __future__ import annotations

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import FileProposal, propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

HEAD = "from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String\nfrom sqlalchemy.orm import declarative_base, relationship\n\nBase = declarative_base()\n"


def _propose(repo: Repo, text: str, rules: list[str], files: dict[str, str] | None = None) -> FileProposal:
    repo.write("case.py", text)
    for name, body in (files or {}).items():
        repo.write(name, body)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "case.py", rules=rules)
    assert proposal is not None
    return proposal


def _reasons(proposal: FileProposal, rule: str) -> list[str]:
    return [why for f, why in proposal.not_fixed if f.rule == rule]


def test_pipe_unions_follow_the_file_style(repo: Repo) -> None:
    text = HEAD + "\n\ndef label(x: str | None) -> str:\n    return x or ''\n\n\nclass U(Base):\n    __tablename__ = 'u'\n    id = Column(Integer, primary_key=True)\n    name = Column(String(20))\n"
    fixed = _propose(repo, text, ["SQ308", "SQ309"]).new_text
    assert "    name: Mapped[str | None] = mapped_column(String(20))\n" in fixed
    assert "Optional" not in fixed


def test_fk_to_a_non_default_type_is_left_with_guidance(repo: Repo) -> None:
    text = HEAD + "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id = Column(BigInteger, primary_key=True)\n\n\nclass A(Base):\n    __tablename__ = 'a'\n    id = Column(Integer, primary_key=True)\n    u_id = Column(ForeignKey('u.id'))\n"
    proposal = _propose(repo, text, ["SQ309"])
    assert "    id: Mapped[int] = Column(BigInteger, primary_key=True)\n" in proposal.new_text
    assert "u_id = Column(ForeignKey('u.id'))" in proposal.new_text
    assert any("`u.id` is `BigInteger`" in why for why in _reasons(proposal, "SQ309"))


def test_annotation_that_disagrees_with_nullability_gets_explicit_nullable(repo: Repo) -> None:
    text = HEAD.replace("relationship", "Mapped, relationship") + "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id: Mapped[int] = Column(Integer, primary_key=True)\n    name: Mapped[str] = Column(String(20))\n    nick: 'Mapped[str]' = Column(String(20), nullable=False)\n    note: str = Column(String)\n"
    proposal = _propose(repo, text, ["SQ308"])
    fixed = proposal.new_text
    assert "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n" in fixed
    assert "    name: Mapped[str] = mapped_column(String(20), nullable=True)\n" in fixed
    assert "    nick: 'Mapped[str]' = mapped_column(String(20), nullable=False)\n" in fixed
    assert "    note: str = Column(String)\n" in fixed
    assert any("SQ312" in why for why in _reasons(proposal, "SQ308"))


def test_backref_to_a_class_outside_the_project_names_it(repo: Repo) -> None:
    # (A class in another scanned module is edited there: tests/rules/test_fix_backref_xfile.py.)
    text = "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import declarative_base, relationship\nfrom vendor.models import Address\n\nBase = declarative_base()\n\n\nclass U(Base):\n    __tablename__ = 'u'\n    id = Column(Integer, primary_key=True)\n    addresses = relationship(Address, backref='user')\n"
    proposal = _propose(repo, text, ["SQ313"])
    assert proposal.fixed == ()
    (why,) = _reasons(proposal, "SQ313")
    assert "`Address.user`" in why and "back_populates" in why


def test_backref_clash_and_inherited_options_are_manual(repo: Repo) -> None:
    text = HEAD + "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id = Column(Integer, primary_key=True)\n    a = relationship('A', backref='u')\n    b = relationship('B', backref='u', viewonly=True)\n\n\nclass A(Base):\n    __tablename__ = 'a'\n    id = Column(Integer, primary_key=True)\n    u_id = Column(ForeignKey('u.id'))\n    u = 1\n\n\nclass B(Base):\n    __tablename__ = 'b'\n    id = Column(Integer, primary_key=True)\n    u_id = Column(ForeignKey('u.id'))\n"
    proposal = _propose(repo, text, ["SQ313"])
    reasons = _reasons(proposal, "SQ313")
    assert any("already has an attribute `u`" in r for r in reasons)
    assert any("`viewonly=`" in r for r in reasons)
    assert proposal.new_text == text


def test_declarative_base_with_cls_is_manual_and_generate_base_too(repo: Repo) -> None:
    text = "from sqlalchemy.orm import declarative_base, registry\n\nBase = declarative_base(cls=object)\nOther = registry().generate_base()\n"
    repo.write("case.py", text)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    found = [f for f in result.findings if f.rule == "SQ302"]
    assert len(found) == 2 and all(f.fix.value == "manual" for f in found)
