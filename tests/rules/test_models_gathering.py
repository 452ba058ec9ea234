"""Model evidence that crosses modules: a base or `db` defined in one file, models in another.

Per-file analysis can only say "subclass of `app.db.Model`"; the gathering pass must turn
that into strong evidence when the project defines it, including through a package
`__init__.py` that merely re-exports the base.
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo

MODELS = """\
import sqlalchemy as sa
{import_line}


class Post({base}):
    __tablename__ = "posts"
    id = sa.Column(sa.Integer, primary_key=True)
"""


def _evidence(repo: Repo, rule: str) -> list[str]:
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    return [f.evidence.value for r in result.files.values() for f in r.findings if f.rule == rule]


def test_flask_db_model_from_another_module_is_strong(repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/ext.py", "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n")
    repo.write("app/models.py", MODELS.format(import_line="from app.ext import db", base="db.Model"))
    repo.commit()
    assert _evidence(repo, "SQ308") == ["strong"]


def test_base_reexported_by_package_init_is_strong(repo: Repo) -> None:
    repo.write("lib/__init__.py", "from .base import Base  # noqa: F401\n")
    repo.write("lib/base.py", "from sqlalchemy.orm import as_declarative\n\n\n@as_declarative()\nclass Base:\n    pass\n")
    repo.write("lib/models.py", MODELS.format(import_line="from . import Base", base="Base"))
    repo.commit()
    assert _evidence(repo, "SQ308") == ["strong"]


def test_unresolved_base_stays_weak(repo: Repo) -> None:
    repo.write("models.py", MODELS.format(import_line="from elsewhere import Base", base="Base"))
    repo.commit()
    assert _evidence(repo, "SQ308") == ["weak"]


def test_base_that_is_not_declarative_is_dropped(repo: Repo) -> None:
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/base.py", "from sqlalchemy import create_engine\nBase = create_engine('sqlite://')\n")
    repo.write("pkg/models.py", MODELS.format(import_line="from pkg.base import Base", base="Base"))
    repo.commit()
    assert _evidence(repo, "SQ308") == []

