"""`self.x.execute()` whose attribute is never a SQLAlchemy Engine, or only outside set-up."""

import requests
from sqlalchemy import create_engine

from .util import maybe_ref


class Client:
    def __init__(self, runner=None):
        self.runner = maybe_ref(runner)
        self.http = requests.Session()

    def run(self, job):
        self.runner.execute(job)
        return self.http.get("https://example.invalid")


class Mixed:
    def __init__(self, url):
        self.worker = requests.Session()
        if url:
            self.worker = create_engine(url)

    def go(self, job):
        # First origin is strongly not SQLAlchemy: a conflicting later one does not override it.
        return self.worker.execute(job)

