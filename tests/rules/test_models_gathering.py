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



def test_model_reexported_through_a_star_import_is_strong(repo: Repo) -> None:
    """ambuda's `database.py` does `from ambuda.models.auth import *`; views then use
    `db.User` — the model must be found through the star import."""
    repo.write("app/__init__.py", "")
    repo.write("app/base.py", "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n")
    repo.write("app/models/__init__.py", "")
    repo.write("app/models/blog.py", MODELS.format(import_line="from app.base import Base", base="Base"))
    repo.write("app/database.py", "from app.models.blog import *  # noqa: F403\n")
    repo.write(
        "app/views.py",
        "from sqlalchemy.orm import Session\nimport app.database as db\n\n\n"
        "def posts(session: Session):\n    return session.query(db.Post).all()\n",
    )
    repo.commit()
    from sqla_assist.core.fix import propose

    checkout = Checkout(repo.root, repo.root / ".git")
    result = scan(checkout, use_cache=False)
    proposal = propose(checkout, result, "app/views.py", rules=["SQ101"])
    assert proposal is not None and [f.rule for f in proposal.fixed] == ["SQ101"], proposal.not_fixed
    assert "session.scalars(select(db.Post)).all()" in proposal.new_text


def test_model_query_through_reexported_flask_base_and_mixin_is_strong(repo: Repo) -> None:
    """`BaseModel = db.Model` in a package, a model listing an imported mixin before it, and
    `cls.query` in its classmethod: the gathering pass tries each imported base."""
    repo.write("main.py", "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n")
    repo.write("models/__init__.py", "from main import db\n\nBaseModel = db.Model\n")
    repo.write("models/mixins.py", "class CapacityMixin:\n    pass\n")
    repo.write(
        "models/product.py",
        "from . import BaseModel\nfrom .mixins import CapacityMixin\n\n\n"
        "class ProductGroup(CapacityMixin, BaseModel):\n"
        "    @classmethod\n"
        "    def get_by_name(cls, name):\n"
        "        return ProductGroup.query.filter_by(name=name).one_or_none()\n",
    )
    repo.commit()
    assert _evidence(repo, "SQ128") == ["strong"]


def test_model_query_on_an_unconfirmed_imported_base_stays_weak(repo: Repo) -> None:
    """As for an imported model name: `.query.filter(...)` on a CamelCase class is kept, but
    only as a guess when the project does not show the base is mapped."""
    repo.write("lib/__init__.py", "")
    repo.write("lib/search.py", "class Indexed:\n    pass\n")
    repo.write(
        "lib/docs.py",
        "from lib.search import Indexed\n\n\nclass Doc(Indexed):\n    pass\n\n\n"
        "def find(term):\n    return Doc.query.filter(term).first()\n",
    )
    repo.commit()
    assert _evidence(repo, "SQ128") == ["weak"]


def test_custom_query_methods_only_on_confirmed_models(repo: Repo) -> None:
    # timesketch: `Sketch.query.get_with_acl(id)`, a method of the model's Query subclass.
    repo.write("app/__init__.py", "")
    repo.write("app/ext.py", "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n")
    repo.write("app/models.py", MODELS.format(import_line="from app.ext import db", base="db.Model"))
    repo.write("app/search.py", "class Index:\n    query = None\n")
    repo.write(
        "app/views.py",
        "from app.models import Post\nfrom app.search import Index\n\n\n"
        "def show(pid, term):\n    return Post.query.get_with_acl(pid), Index.query.lookup(term)\n",
    )
    repo.commit()
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    found = [(f.line, f.column) for f in result.files["app/views.py"].findings if f.rule == "SQ128"]
    assert found == [(6, 12)]
