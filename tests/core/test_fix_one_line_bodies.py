"""A statement-level fix inside a one-line body (`if x: engine.execute(...)`) is applied."""

from __future__ import annotations

import ast

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

SRC = '''from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def f(flag):
    if flag: engine.execute(text("SELECT 1"))  # one
    while flag: x = 1; engine.execute(text("SELECT 2")); break
    if flag: y = 2
    return 1
'''


def test_one_line_bodies_with_a_target_become_blocks(repo: Repo) -> None:
    repo.write("m.py", SRC)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "m.py", rules=["SQ401"])
    assert proposal is not None
    assert [f.line for f in proposal.fixed] == [7, 8] and not proposal.not_fixed
    new = proposal.new_text
    ast.parse(new)
    assert "    if flag:  # one\n        with engine.connect() as conn:\n" in new
    assert "    while flag:\n        x = 1\n        with engine.connect() as conn:\n" in new
    assert "        break\n" in new
    assert "    if flag: y = 2\n" in new  # untouched: no target in it
