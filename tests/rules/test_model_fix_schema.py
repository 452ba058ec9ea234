"""The typed-model fixer fixtures keep the schema and the relationships, checked on SQLAlchemy 2.x.

Each fix_before/fix_after pair of SQ302/SQ308/SQ309/SQ311/SQ313 is imported as a real module:
the CREATE TABLE statements (types, lengths, NULL-ness, keys) must be identical, and where the
mappers can be configured, every relationship keeps its direction, `uselist` and target.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, inspect
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import DeclarativeBase, clear_mappers, configure_mappers
from sqlalchemy.schema import CreateTable

CASES = Path(__file__).parent / "cases"
_counter = iter(range(10_000))


@pytest.fixture(autouse=True)
def _fresh_mappers() -> Iterator[None]:
    yield
    clear_mappers()


def _load(rule: str, which: str) -> types.ModuleType:
    name = f"_sq3_case_{rule}_{which}_{next(_counter)}"
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile((CASES / rule / f"fix_{which}.py").read_text(), name, "exec"), module.__dict__)
    return module


def _metadatas(module: types.ModuleType) -> list[MetaData]:
    out: list[MetaData] = []
    for value in vars(module).values():
        md = getattr(value, "metadata", None)
        if isinstance(md, MetaData) and all(md is not m for m in out):
            out.append(md)
    return out


def _ddl(module: types.ModuleType) -> list[str]:
    return sorted(
        str(CreateTable(t).compile(dialect=sqlite.dialect())).strip()
        for md in _metadatas(module)
        for t in md.sorted_tables
    )


def _relationships(module: types.ModuleType) -> dict[tuple[str, str], tuple[str, bool, str, bool]]:
    configure_mappers()
    out = {}
    for value in vars(module).values():
        if isinstance(value, type) and value.__module__ == module.__name__ and hasattr(value, "__mapper__"):
            for rel in inspect(value).relationships:
                out[(value.__name__, rel.key)] = (rel.direction.name, bool(rel.uselist), rel.mapper.class_.__name__, rel.lazy == "dynamic")
    return out


@pytest.mark.parametrize("rule", ["SQ302", "SQ308", "SQ309", "SQ311", "SQ313", "SQ310", "SQ314", "SQ315"])
def test_fix_keeps_ddl(rule: str) -> None:
    before = _ddl(_load(rule, "before"))
    after = _ddl(_load(rule, "after"))
    assert before, "the fixture must define tables"
    assert after == before


@pytest.mark.parametrize("rule", ["SQ313", "SQ314", "SQ315"])
def test_fix_keeps_relationships(rule: str) -> None:
    before = _relationships(_load(rule, "before"))
    clear_mappers()
    after = _relationships(_load(rule, "after"))
    assert before and after == before


def test_declarative_base_class_keeps_metadata_and_query_property() -> None:
    module = _load("SQ302", "after")
    assert issubclass(module.Base, DeclarativeBase)
    assert module.Base.metadata.naming_convention["pk"] == "pk_%(table_name)s"
    assert "query" in vars(module.Base)
    assert module.User.query is not None  # the query property still reaches the mapped classes
