"""`.tables[...]` of something that is not a MetaData, and 2.0-style DML on a looked-up table."""

from sqlalchemy import MetaData


class Store:
    def __init__(self, catalog, metadata: MetaData):
        self.t_meta = catalog.registry["meta"]
        self.t_jobs = metadata.tables["jobs"]

    def insert_version(self, conn):
        self.t_meta.insert({"schema_version": 1})
        conn.execute(self.t_jobs.insert().values({"id": 1}))
