"""SQ304 through a project alias: CKAN's `meta.py` says `mapper = orm.mapper` and every model
module calls `meta.mapper(Package, package_table)`, which fails on 2.0 like `mapper()` itself.

The gathering pass follows `meta.mapper` to `sqlalchemy.orm.mapper`; a project function that
merely shares the name (`helpers.mapper(...)`) is not flagged.
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo

META = """\
from sqlalchemy import orm

mapper = orm.mapper
"""

HELPERS = """\
def mapper(cls, table):
    return cls
"""

MODEL = """\
from app import helpers, meta
from app.meta import mapper


class Package:
    pass


meta.mapper(Package, object())
mapper(Package, object())
helpers.mapper(Package, object())
"""


def test_calls_through_an_alias_of_mapper_are_flagged(repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/meta.py", META)
    repo.write("app/helpers.py", HELPERS)
    repo.write("app/package.py", MODEL)
    repo.commit()
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    found = sorted((path, f.line) for path, r in result.files.items() for f in r.findings if f.rule == "SQ304")
    assert found == [("app/meta.py", 3), ("app/package.py", 9), ("app/package.py", 10)]


ENGINES = """\
import sqlalchemy
from sqlalchemy.engine import Engine

_engines = {}


def _from_url(url: str) -> Engine:
    engine = _engines.get(url)
    if not engine:
        engine = _engines[url] = sqlalchemy.create_engine(url)
    return engine


def get_write_engine():
    return _from_url("sqlite://")


def get_cache_engine():
    return {"name": "cache"}
"""

CALLER = """\
import app.backend as db


def analyze(sql):
    db.get_write_engine().execute(sql)
    db.get_cache_engine().execute(sql)
"""


def test_an_engine_a_project_function_returns(repo: Repo) -> None:
    """CKAN's tests: `db.get_write_engine().execute(sql)` with the helper in another module.
    The project shows the first returns an Engine (strong); of the second only its name speaks,
    which stays weak evidence (reported, never fixed automatically)."""
    repo.write("app/__init__.py", "")
    repo.write("app/backend.py", ENGINES)
    repo.write("app/caller.py", CALLER)
    repo.commit()
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    found = sorted(
        (path, f.line, f.evidence.value) for path, r in result.files.items() for f in r.findings if f.rule == "SQ401"
    )
    assert found == [("app/caller.py", 5, "strong"), ("app/caller.py", 6, "weak")]
