from sqlalchemy import create_engine, text

from app.jobs import JobStore


class Reports:
    def __init__(self, url):
        self.store = create_engine(url)

    def totals(self):
        return self.store.execute(text("select 1")).fetchall()  # expect: SQ401


class MonthlyReports(Reports):
    # A subclass in the same file sees what its base binds.
    def months(self):
        return self.store.execute(text("select 2")).fetchall()  # expect: SQ401


class Scheduler:
    # Another class's `self.store` is its own: a job store, not the Engine above.
    def __init__(self):
        self.store = JobStore()

    def run(self, job):
        return self.store.execute(job)
