"""SQ201 on calls of another module's session helper that defaults `autocommit=True`
(octavia's `db_apis.get_session()`, with `def get_session(..., autocommit=True)` in
octavia/db/api.py handing the flag to oslo.db): each plain call was an autocommit session.

Per-file analysis only sees an imported `get_session`; the gathering pass keeps the finding
where that module marks the helper, and drops it for helpers without the default and for
calls that pass `autocommit=False`.
"""

from __future__ import annotations

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import scan
from tests.conftest import Repo


def _sq201(repo: Repo, files: dict[str, str], path: str) -> list[tuple[int, int, str]]:
    """Write and commit `files` (packages get their `__init__.py`), scan, and give
    (line, column, evidence) of the SQ201 findings in `path`."""
    for name, text in files.items():
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            init = "/".join(parts[:depth]) + "/__init__.py"
            if init not in files and not (repo.root / init).exists():
                repo.write(init, "")
        repo.write(name, text)
    repo.commit()
    result = scan(Checkout(repo.root, repo.root / ".git"), use_cache=False)
    return sorted((f.line, f.column, f.evidence.value) for f in result.files[path].findings if f.rule == "SQ201")

API = """\
_FACADE = None


def get_session(expire_on_commit=True, autocommit=True):
    return _FACADE.get_session(expire_on_commit=expire_on_commit, autocommit=autocommit)


def get_reader_session():
    return _FACADE.get_session()
"""

REEXPORT = """\
from app.db.api import get_session  # noqa: F401
"""

WORKER = """\
from app.db import api as db_api
from app.db.facade import get_session


def mark(repo, amp_id):
    repo.update(db_api.get_session(), amp_id, status="ERROR")
    lock_session = db_api.get_session(autocommit=False)
    reader = db_api.get_reader_session()
    again = get_session()
    return lock_session, reader, again
"""


def test_calls_of_an_imported_autocommit_helper(repo: Repo) -> None:
    files = {"app/db/api.py": API, "app/db/facade.py": REEXPORT, "app/worker.py": WORKER}
    found = [(line, ev) for line, _, ev in _sq201(repo, files, "app/worker.py")]
    assert found == [(6, "weak"), (9, "weak")]


FACADE_WRAPPER = """\
from oslo_config import cfg
from oslo_db.sqlalchemy import session as db_session

_engine_facade = None


def get_session():
    return _get_facade().get_session()


def get_reader():
    return _get_facade().get_session(autocommit=False)


def _get_facade():
    global _engine_facade
    if not _engine_facade:
        _engine_facade = db_session.EngineFacade.from_config(cfg.CONF, autocommit=True)
    return _engine_facade
"""

PLAIN_WRAPPER = """\
from oslo_db.sqlalchemy import enginefacade


def get_session():
    return enginefacade.get_legacy_facade().get_session()
"""

BACKEND = """\
from app.db import facade_wrapper, plain_wrapper
from app.db.facade_wrapper import get_session as new_session

get_session = facade_wrapper.get_session
plain_session = plain_wrapper.get_session


def lease_get(lease_id):
    session = get_session()
    return session, new_session(), facade_wrapper.get_reader(), plain_session()
"""


def test_sessions_of_an_autocommit_facade_through_aliases(repo: Repo) -> None:
    # blazar: `get_session()` hands out sessions of `EngineFacade.from_config(CONF,
    # autocommit=True)`; its backend calls it through `get_session = facade_wrapper.get_session`.
    files = {"app/db/facade_wrapper.py": FACADE_WRAPPER, "app/db/plain_wrapper.py": PLAIN_WRAPPER, "app/db/api.py": BACKEND}
    found = [(line, col) for line, col, _ in _sq201(repo, files, "app/db/api.py")]
    assert found == [(9, 15), (10, 21)]


DICT_FACADE = """\
from oslo_config import cfg
from oslo_db.sqlalchemy import session

_FACADES = {}


def _create_facade_lazily(cfg_group, connection=None):
    if cfg_group not in _FACADES:
        conf = dict(cfg.CONF[cfg_group].items())
        conf['autocommit'] = True
        _FACADES[cfg_group] = session.EngineFacade(connection, **conf)
    return _FACADES[cfg_group]


def get_session(cfg_group, connection=None, **kwargs):
    facade = _create_facade_lazily(cfg_group, connection)
    return facade.get_session(**kwargs)
"""

DICT_USER = """\
from app.sqlalchemy import session


class Storage:
    def begin(self):
        return session.get_session("storage")
"""


def test_sessions_of_a_facade_configured_through_a_dict(repo: Repo) -> None:
    # designate: the mode is a key of the options dict unpacked into `EngineFacade(...)`.
    files = {"app/sqlalchemy/session.py": DICT_FACADE, "app/storage.py": DICT_USER}
    found = [(line, ev) for line, _, ev in _sq201(repo, files, "app/storage.py")]
    assert found == [(6, "weak")]
