# Writes in callbacks that receive a connection from a runner elsewhere (buildbot's
# `self.db.pool.do(thd)`, which opens `engine.connect()` and never begins a transaction).
import sqlalchemy as sa


class BuildsConnector:
    def add_build(self, builderid, number):
        def thd(conn):
            builds = self.db.model.builds
            r = conn.execute(builds.insert(), {"builderid": builderid, "number": number})  # expect: SQ408
            return r.inserted_primary_key[0]

        return self.db.pool.do(thd)

    def finish(self, buildid):
        def thd(conn):
            tbl = self.db.model.builds
            q = tbl.update().where(tbl.c.id == buildid)
            conn.execute(q, {"complete": 1})  # expect: SQ408
            old = sa.select(tbl.c.id).where(tbl.c.complete == 1)
            old = tbl.delete().where(tbl.c.id.in_(old))
            conn.execute(old)  # expect: SQ408
            conn.execute(sa.select(tbl.c.id))

        return self.db.pool.do(thd)

    def prune(self):
        return self.db.pool.do(self._prune_thd)

    def _prune_thd(self, conn):
        conn.execute(sa.text("DELETE FROM builds WHERE complete = 1"))  # expect: SQ408

    def append(self, logid, content):
        def thd(conn):
            return self.thd_append_chunk(conn, logid, content)

        return self.db.pool.do(thd)

    def thd_append_chunk(self, conn, logid, content):
        conn.execute(self.db.model.logchunks.insert(), {"logid": logid, "content": content})  # expect: SQ408

    def get_object_id(self, name):
        def thd(conn):
            def insert():
                res = conn.execute(self.db.model.objects.insert().values(name=name))  # expect: SQ408
                return res.inserted_primary_key[0]

            return insert()

        return self.db.pool.do(thd)


def install_hook(state):
    def hook(conn):
        conn.execute(sa.text("INSERT INTO objects (id) VALUES (27)"))  # expect: SQ408

    state.timing_hook = hook


def run_script(engine):
    with engine.connect() as conn:
        load_fixtures(conn)


def load_fixtures(connection):
    connection.execute(sa.text("INSERT INTO builds (id) VALUES (1)"))  # expect: SQ408


def create_schema(engine, metadata, table):
    with engine.connect() as conn:  # expect: SQ408
        metadata.create_all(conn)
        table.create(bind=conn)
