"""Queries returned by helpers in another module (freqtrade's `Trade.get_trades() -> Query`).

Per-file analysis only knows "the result of `app.models.Trade.get_trades()`"; the gathering
pass keeps the finding (as strong) only when that module declares the helper returns a Query,
through a package `__init__` that re-exports the class too. An unknown or third-party helper
(`torch.isfinite(x).all()`) must not survive.

The Query rules only run on files that mention `query` (their token contract), which the
consumer below does in a function name, as freqtrade's `rpc.py` does in its comments.
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo

MODELS = """\
from sqlalchemy.orm import Query, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


class Trade:
    @staticmethod
    def get_trades(trade_filter=None) -> Query["Trade"]:
        return db_session.query(Trade).filter(*trade_filter)

    @staticmethod
    def names() -> list:
        return []
"""

USER = """\
import torch

from app import Trade


def query_closed():
    return Trade.get_trades([Trade.is_open.is_(False)]).order_by(Trade.id).all()


def counted():
    return Trade.get_trades([]).count()


def names():
    return Trade.names().all()


def tensor(x):
    return torch.isfinite(x).all()
"""


def _findings(repo: Repo) -> list[tuple[str, int, str, str]]:
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    return sorted(
        (path, f.line, f.rule, f.evidence.value)
        for path, r in result.files.items()
        for f in r.findings
        if f.rule in ("SQ101", "SQ106")
    )


def test_helper_query_from_reexported_class_is_strong(repo: Repo) -> None:
    repo.write("app/__init__.py", "from app.models import Trade  # noqa: F401\n")
    repo.write("app/models.py", MODELS)
    repo.write("app/rpc.py", USER)
    repo.commit()
    assert _findings(repo) == [
        ("app/rpc.py", 7, "SQ101", "strong"),
        ("app/rpc.py", 11, "SQ106", "strong"),
    ]


def test_helper_not_known_to_return_a_query_is_dropped(repo: Repo) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/models.py", MODELS.replace('-> Query["Trade"]', "-> list"))
    repo.write("app/rpc.py", USER.replace("from app import Trade", "from app.models import Trade"))
    repo.commit()
    assert _findings(repo) == []


def _rule_findings(repo: Repo, rule: str) -> list[tuple[str, int, str]]:
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    return sorted((path, f.line, f.evidence.value) for path, r in result.files.items() for f in r.findings if f.rule == rule)


def test_iterated_model_query_from_another_module_is_strong(repo: Repo) -> None:
    """freqtrade's `for pairlock in PairLock.query:` with the model (and its base) elsewhere."""
    repo.write("app/__init__.py", "")
    repo.write("app/base.py", "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n")
    repo.write(
        "app/models.py",
        "import sqlalchemy as sa\n\nfrom app.base import Base\n\n\nclass PairLock(Base):\n"
        "    __tablename__ = 'locks'\n    id = sa.Column(sa.Integer, primary_key=True)\n",
    )
    repo.write(
        "app/commands.py",
        "from app.models import PairLock\nfrom app.config import Settings\n\n\n"
        "def migrate():\n    for lock in PairLock.query:\n        print(lock)\n"
        "    for key in Settings.query:\n        print(key)\n",
    )
    repo.write("app/config.py", "class Settings:\n    query = ()\n")
    repo.commit()
    assert _rule_findings(repo, "SQ128") == [("app/commands.py", 6, "strong")]


def test_metadata_bind_read_across_modules_is_strong(repo: Repo) -> None:
    """CloudBot's `database.metadata.bind is None`, with `metadata: MetaData` in `database.py`."""
    repo.write("bot/__init__.py", "")
    repo.write("bot/database.py", "from sqlalchemy import MetaData\n\nmetadata: MetaData = MetaData()\nsettings = {}\n")
    repo.write(
        "bot/test_database.py",
        "from bot import database\n\n\ndef test_unbound():\n    assert database.metadata.bind is None\n",
    )
    repo.commit()
    assert _rule_findings(repo, "SQ421") == [("bot/test_database.py", 5, "strong")]
