"""`self.engine` assigned in several places: one SQLAlchemy origin is enough (job-store style)."""

from sqlalchemy import create_engine, select

from .util import maybe_ref


class JobStore:
    def __init__(self, url=None, engine=None):
        if engine:
            self.engine = maybe_ref(engine)
        elif url:
            self.engine = create_engine(url)

    def lookup(self, stmt):
        return self.engine.execute(stmt).scalar()  # expect: SQ401


class AttrsStore:
    def __attrs_post_init__(self):
        self.bind = create_engine("sqlite://")

    def count(self, table):
        return self.bind.execute(select(table)).fetchall()  # expect: SQ401


class StoreTest:
    def setUp(self):
        self.db = create_engine("sqlite://")

    def test_rows(self, table):
        assert self.db.execute(select(table)).fetchall() == []  # expect: SQ401


class LazyBackend:
    # The engine is made on first use and returned from a method (CKAN's example backend).
    def __init__(self, url):
        self.url = url
        self._engine = None

    def _get_engine(self):
        if not self._engine:
            self._engine = create_engine(self.url)
        return self._engine

    def insert(self, rows):
        for row in rows:
            self._get_engine().execute(users.insert(), row)  # expect: SQ401
