"""Rules are skipped for files lacking their tokens; aliases must not hide a match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.rule import Rule
from sqla_assist.rules import all_rules


def rules_found(src: str) -> set[str]:
    return {f.rule for f in analyze_source(src.encode(), all_rules()).findings}


def test_aliased_select_is_still_checked() -> None:
    src = "from sqlalchemy import select as S\nstmt = S([t.c.id])\n"
    assert "select(" not in src
    assert "SQ601" in rules_found(src)


def test_aliased_module_is_still_checked() -> None:
    src = "import sqlalchemy.orm as o\nfrom sqlalchemy.ext.declarative import declared_attr as da\nx = 1\n"
    assert "SQ301" in rules_found(src)


def test_gating_changes_nothing_on_the_fixtures() -> None:
    """Every fixture gives the same findings with and without per-file and per-statement gating.

    A rule that fails here either lacks a token in its list or must say `local_tokens = False`
    (its evidence is spelled in other statements than the finding's).
    """
    cases = sorted((Path(__file__).parent.parent / "rules" / "cases").glob("SQ*/*.py"))
    assert cases
    rules = all_rules()
    ungated = [_Ungated(r) for r in rules]
    for path in cases:
        data = path.read_bytes()
        gated = {(f.rule, f.line) for f in analyze_source(data, rules).findings}
        full = {
            (f.rule, f.line)
            for f in analyze_source(data, ungated, statement_gating=False).findings  # type: ignore[arg-type]
        }
        assert gated == full, path


class _Ungated:
    """A rule with a token every file contains, so gating never skips it."""

    tokens = (b"",)

    def __init__(self, rule: Rule) -> None:
        self._rule = rule

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)


def test_not_in_alone_keeps_sq615_in_play() -> None:
    src = (
        "from sqlalchemy import select\nfrom app.tables import users, addresses\n"
        "stmt = select(users.c.name).where(users.c.id.not_in(select(addresses.c.user_id).subquery()))\n"
    )
    assert "in_(" not in src
    assert "SQ615" in rules_found(src)


def test_statement_gating_skips_cold_statements_but_not_decorated_or_cr_lines() -> None:
    """Hot lines are counted as the parser counts them (a lone CR ends a line) and a decorated
    def starts at its first decorator."""
    src = (
        "from sqlalchemy import select\r"
        "x = 1\r"
        "@decorate(select([t.c.id]))\r"
        "def f():\r"
        "    return 2\r"
    )
    assert "SQ601" in rules_found(src)


def test_rules_whose_evidence_is_elsewhere_still_see_cold_statements() -> None:
    src = (
        "from sqlalchemy.orm import Session\n"
        "def f(session: Session):\n"
        "    q = session.query(User)\n"
        "    q = q.filter(User.active)\n"
        "    return q.all()\n"
    )
    assert "SQ101" in rules_found(src)


def test_context_walk_matches_ast_walk() -> None:
    import ast

    from sqla_assist.core.analyze import FileContext
    from sqla_assist.core.imports import ImportMap

    src = (Path(__file__).parent.parent / "rules" / "cases" / "SQ101" / "positive.py").read_text()
    tree = ast.parse(src)
    ctx = FileContext(src, tree, ImportMap.of(tree, "", False))
    expected = [n for n in ast.walk(tree) if not isinstance(n, ast.expr_context)]
    assert ctx.walk(tree) == expected


def test_every_project_settled_via_has_a_hook() -> None:
    """Findings settled by a rule's project-wide verdict name their hook by `via` prefix; every
    prefix a rule writes must be in `PROJECT_HOOKS` (else the gathering pass drops its verdict)."""
    import importlib

    from sqla_assist.core.gather import PROJECT, PROJECT_HOOKS
    from sqla_assist.rules._selection_agree import SELECTION
    from sqla_assist.rules._sessbind_shapes import Site

    written = [SELECTION, Site(0, frozenset()).encode()]
    for via in written:
        rest = via.removeprefix(PROJECT)
        assert any(rest.startswith(prefix) for prefix in PROJECT_HOOKS), via
    for target in PROJECT_HOOKS.values():
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function))
