# Callbacks that commit, runners that begin a transaction, and connection helpers that are
# not handed out as callbacks (their callers decide).
import sqlalchemy as sa


class BuildsConnector:
    def add_build(self, builderid):
        def thd(conn):
            with conn.begin():
                conn.execute(self.db.model.builds.insert(), {"builderid": builderid})

        return self.db.pool.do(thd)

    def commit_as_you_go(self):
        def thd(conn):
            conn.execute(self.db.model.builds.delete())
            conn.commit()

        return self.db.pool.do(thd)

    def in_transaction(self, engine):
        def thd(conn):
            conn.execute(self.db.model.builds.delete())

        return engine.begin().run_sync(thd)

    def reads(self):
        def thd(conn):
            return conn.execute(sa.select(self.db.model.builds.c.id)).all()

        return self.db.pool.do(thd)


def helper(conn):
    conn.execute(sa.text("DELETE FROM builds"))


def caller(engine):
    with engine.begin() as conn:
        helper(conn)


def run_script(engine):
    with engine.connect() as conn:
        with conn.begin():
            load_fixtures(conn)


def load_fixtures(connection):
    connection.execute(sa.text("INSERT INTO builds (id) VALUES (1)"))


def run_transaction(engine):
    def thd(conn):
        conn.execute(sa.text("DELETE FROM builds"))

    return engine.transaction(thd)


def create_schema(engine, metadata, table):
    with engine.begin() as conn:
        metadata.create_all(conn)
    with engine.connect() as conn:
        table.create(bind=conn)
        conn.commit()
    metadata.create_all(engine)
    table.drop(engine)
