"""A parameter takes its kind from this module's call sites (`Inference.passed_to`).

`def paginate(query, n): return query.count()` says nothing about `query`; the module's own
`paginate(session.query(User), 10)` does. The finding stays weak evidence: another module may
call the helper with something else.
"""

from __future__ import annotations

from sqla_assist.core.analyze import analyze_source
from sqla_assist.core.findings import Evidence
from sqla_assist.rules import all_rules

HEAD = (
    "from typing import Any\n"
    "from sqlalchemy.orm import Session\n\n\n"
    "def paginate(query: Any, size):\n"
    "    total = query.order_by(None).count()\n"
    "    return total, query.limit(size).all()\n\n\n"
)


def _on_helper(src: str) -> list[tuple[str, Evidence]]:
    found = analyze_source(src.encode(), all_rules()).findings
    return sorted((f.rule, f.evidence) for f in found if 5 <= f.line <= 7)


def test_a_query_from_the_callers_makes_the_helpers_executions_findings() -> None:
    src = HEAD + "def view(session: Session):\n    q = session.query(User).filter(User.id > 1)\n    return paginate(q, 10)\n"
    assert _on_helper(src) == [("SQ101", Evidence.WEAK), ("SQ106", Evidence.WEAK)]


def test_a_keyword_argument_and_an_inline_chain_count_too() -> None:
    src = HEAD + "def view(session: Session):\n    return paginate(size=3, query=session.query(User))\n"
    assert [r for r, _ in _on_helper(src)] == ["SQ101", "SQ106"]


def test_callers_that_disagree_say_nothing() -> None:
    src = HEAD + (
        "def view(session: Session):\n    return paginate(session.query(User), 10)\n\n\n"
        "def other(session: Session):\n    return paginate(session, 10)\n"
    )
    assert _on_helper(src) == []


def test_a_guessed_caller_is_not_enough() -> None:
    src = HEAD + "def view(db):\n    return paginate(db.query(thing), 10)\n"
    assert _on_helper(src) == []


def test_mutual_recursion_ends() -> None:
    src = (
        "def f(x):\n    return g(x).count()\n\n\n"
        "def g(y):\n    return f(y).all()\n"
    )
    assert analyze_source(src.encode(), all_rules()).findings == []


def test_a_method_takes_its_parameters_kind_from_calls_on_self() -> None:
    src = (
        "from sqlalchemy.orm import Session\n\n\n"
        "class Repo:\n"
        "    def __init__(self, session: Session):\n"
        "        self.session = session\n\n"
        "    def _page(self, query, size):\n"
        "        return query.limit(size).all()\n\n"
        "    def users(self):\n"
        "        return self._page(self.session.query(User), 10)\n"
    )
    found = analyze_source(src.encode(), all_rules()).findings
    assert [(f.rule, f.line, f.evidence) for f in found if f.line == 9] == [("SQ101", 9, Evidence.WEAK)]


def test_a_staticmethod_and_other_classes_calls_do_not_count() -> None:
    src = (
        "from sqlalchemy.orm import Session\n\n\n"
        "class Repo:\n"
        "    @staticmethod\n"
        "    def _page(query, size):\n"
        "        return query.limit(size).all()\n\n\n"
        "class Other:\n"
        "    def _page(self, query, size):\n"
        "        return query.limit(size).all()\n\n"
        "    def users(self, session: Session):\n"
        "        return Repo._page(session.query(User), 10)\n"
    )
    found = analyze_source(src.encode(), all_rules()).findings
    assert [f.line for f in found if f.rule == "SQ101"] == []
