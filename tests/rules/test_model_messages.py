"""The typed-model findings state the annotation to write; these pin the inference.

A wrong `Mapped[...]` is a schema change once `Column` becomes `mapped_column` (NOT NULL
appears, a one-to-many turns scalar), so the message text is part of the contract.
"""

from __future__ import annotations

import pytest

from sqla_assist.core.analyze import analyze_source
from sqla_assist.rules import all_rules

HEADER = """\
import enum
import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declarative_base, relationship

Base = declarative_base()


class Color(enum.Enum):
    red = 1


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = Column(sa.BigInteger, primary_key=True)
"""


def _messages(body: str, rule_id: str) -> list[str]:
    source = HEADER + "".join(f"    {line}\n" for line in body.splitlines())
    analysis = analyze_source(source.encode(), all_rules())
    assert analysis.error is None
    return [f.message for f in analysis.findings if f.rule == rule_id]


@pytest.mark.parametrize(
    ("column", "annotation"),
    [
        ("x = Column(String)", "Mapped[Optional[str]]"),
        ("x = Column(String(30), nullable=False)", "Mapped[str]"),
        ("x = Column(Integer, primary_key=True)", "Mapped[int]"),
        ("x = Column(Integer, primary_key=True, nullable=True)", "Mapped[Optional[int]]"),
        ("x = Column(sa.Numeric(10, 2), server_default='0')", "Mapped[Optional[Decimal]]"),
        ("x = Column(sa.Numeric(asdecimal=False))", "Mapped[Optional[float]]"),
        ("x = Column(sa.Enum(Color), nullable=False)", "Mapped[Color]"),
        ("x = Column(sa.Enum('a', 'b'))", "Mapped[Optional[str]]"),
        ("x = Column(sa.ARRAY(Integer))", "Mapped[Optional[list[int]]]"),
        ("x = Column('x_col', sa.DateTime(timezone=True), default=None)", "Mapped[Optional[datetime.datetime]]"),
        ("x = Column(ForeignKey('users.id'))", "Mapped[Optional[int]]"),
        ("x = Column(ForeignKey('users.id'), nullable=False)", "Mapped[int]"),
        ("x = Column(Integer, sa.Sequence('s'), primary_key=True)", "Mapped[int]"),
    ],
)
def test_column_annotation(column: str, annotation: str) -> None:
    (message,) = _messages(column, "SQ309")
    assert f"`x: {annotation}`" in message


def test_unknown_type_is_manual_and_says_so() -> None:
    source = HEADER + "    x = Column(MyType(), nullable=False)\n"
    (finding,) = [f for f in analyze_source(source.encode(), all_rules()).findings if f.rule == "SQ309"]
    assert "<Python type of MyType()>" in finding.message
    assert finding.fix.value == "manual"


def test_foreign_key_to_other_file_names_the_column() -> None:
    (message,) = _messages("x = Column(ForeignKey('accounts.id'))", "SQ309")
    assert "Mapped[Optional[<type of accounts.id>]]" in message


@pytest.mark.parametrize(
    ("attribute", "annotation"),
    [
        ("posts = relationship('Post', secondary=link)", 'Mapped[List["Post"]]'),
        ("posts = relationship('Post', uselist=False)", 'Mapped[Optional["Post"]]'),
        ("posts = relationship('Post', collection_class=set)", 'Mapped[Set["Post"]]'),
        ("posts = relationship('Post', lazy='dynamic')", 'DynamicMapped["Post"]'),
        ("posts = relationship(lambda: Post, secondary=link)", 'Mapped[List["Post"]]'),
    ],
)
def test_relationship_annotation(attribute: str, annotation: str) -> None:
    (message,) = _messages(attribute, "SQ311")
    assert message == f"annotate `posts: {annotation}`"
