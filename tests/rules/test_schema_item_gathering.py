"""SQ411 on a Sequence (or Table, Index) another module defines: `foodorder_seq.create()`
(quicktill's td.py, with the Sequence in models.py) raises on 2.0 without a bind.

Per-file analysis only sees a name imported from `app.models`; the gathering pass keeps the
finding where that module shows a Table, Sequence or Index, and drops it for anything else
(`parser.create()` on an object of the project's own).
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo

MODELS = """\
from sqlalchemy import MetaData, Sequence

metadata = MetaData()
order_seq = Sequence("order_seq", start=1, metadata=metadata)


class Parser:
    def create(self):
        return self
"""

USER = """\
from app.models import Parser, order_seq

parser = Parser()


def reset():
    order_seq.drop()
    order_seq.create()
    parser.create()
"""


def test_a_sequence_from_another_module_needs_a_bind(repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/models.py", MODELS)
    repo.write("app/user.py", USER)
    repo.commit()
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    found = sorted(
        (path, f.line, f.evidence.value)
        for path, r in result.files.items()
        for f in r.findings
        if f.rule == "SQ411"
    )
    assert found == [("app/user.py", 7, "strong"), ("app/user.py", 8, "strong")]
