"""Models declared inside a pytest fixture that receives the declarative base."""
from typing import Type

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


def models(Base: type[DeclarativeBase]) -> None:
    class TextItem(Base):
        __tablename__ = "textitem"
        id = sa.Column(sa.Integer, primary_key=True)  # expect: SQ308

    class Article(TextItem):
        created_at = sa.Column(sa.DateTime)  # expect: SQ308


def typing_type(Base: "Type[DeclarativeBase]") -> None:
    class Tag(Base):
        name = sa.Column(sa.String)  # expect: SQ308
