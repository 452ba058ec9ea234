"""Rows of results that a helper in another module returns (CloudBot-style `_load_cache_db(db)`).

Per-file analysis of the consumer only knows "a row of what `app.store.load()` returns"; the
gathering pass makes the finding strong, and its fix safe, only when that module shows the
helper returns a SQLAlchemy result (`db.execute(table.select())`). A helper returning
something else (a list of dicts) must not leave a safe fix behind.
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo

STORE = """\
from sqlalchemy import Column, Integer, MetaData, String, Table

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))


def load(db):
    return db.execute(users.select())


def load_dicts(db):
    return [{"name": "x"}]
"""

USER = """\
from app.store import load, load_dicts
from elsewhere import unknown


def names(db):
    for row in load(db):
        print(row["name"])
    first = load(db).fetchone()
    print(first["name"])


def dicts(db):
    for row in load_dicts(db):
        print(row["name"])
    for record in unknown(db):
        print(record["name"])
"""


def _findings(repo: Repo) -> list[tuple[str, int, str, str]]:
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    return sorted(
        (path, f.line, f.evidence.value, f.fix.value)
        for path, r in result.files.items()
        for f in r.findings
        if f.rule == "SQ501"
    )


def test_rows_of_a_helper_returning_a_result_are_strong(repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/store.py", STORE)
    repo.write("app/user.py", USER)
    repo.commit()
    assert _findings(repo) == [
        ("app/user.py", 7, "strong", "safe"),
        ("app/user.py", 9, "strong", "safe"),
    ]
