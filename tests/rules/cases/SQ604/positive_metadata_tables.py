"""Tables looked up in `MetaData.tables`, kept on `self` (data-store style)."""

from sqlalchemy import MetaData


class Store:
    def __init__(self, metadata: MetaData):
        self.t_meta = metadata.tables["meta"]

    def insert_version(self, conn):
        conn.execute(self.t_meta.insert(values={"schema_version": 1}))  # expect: SQ604


def bump(conn):
    md = MetaData()
    jobs = md.tables["jobs"]
    conn.execute(jobs.update(jobs.c.id == 1, values={"state": "done"}))  # expect: SQ604
