"""`from sqlalchemy import *` binds what the package exports, not every unknown name."""

from __future__ import annotations

import ast

from sqla_assist.core.imports import ImportMap


def qualify(src: str, expr: str) -> str | None:
    imports = ImportMap.of(ast.parse(src), "app.mod", False)
    node = ast.parse(expr, mode="eval").body
    return imports.qualify(node)


def test_exported_names_qualify() -> None:
    src = "from sqlalchemy import *\n"
    assert qualify(src, "select") == "sqlalchemy.select"
    assert qualify(src, "MetaData") == "sqlalchemy.MetaData"


def test_unknown_names_do_not() -> None:
    src = "from sqlalchemy import *\nfrom app.helpers import *\n"
    assert qualify(src, "load_rows") is None
    # ORM names are not exported by the top-level package: here they come from app.helpers.
    assert qualify(src, "joinedload") is None


def test_orm_star_still_binds_orm_names() -> None:
    src = "from sqlalchemy import *\nfrom sqlalchemy.orm import *\n"
    assert qualify(src, "joinedload") == "sqlalchemy.orm.joinedload"
    assert qualify(src, "select") == "sqlalchemy.select"


def test_a_parameter_shadows_an_imported_name() -> None:
    from sqla_assist.core.analyze import analyze_source
    from sqla_assist.rules import all_rules

    legacy = "from sqlalchemy import select\n\ndef f(t):\n    return select([t.c.id])\n"
    shadowed = "from sqlalchemy import select\n\ndef f(select, t):\n    return select([t.c.id])\n"
    looped = "from sqlalchemy import select\n\ndef f(fs, t):\n    for select in fs:\n        select([t.c.id])\n"
    found = {name: {f.rule for f in analyze_source(src.encode(), all_rules()).findings}
             for name, src in (("legacy", legacy), ("shadowed", shadowed), ("looped", looped))}
    assert "SQ601" in found["legacy"]
    assert "SQ601" not in found["shadowed"] and "SQ601" not in found["looped"]
