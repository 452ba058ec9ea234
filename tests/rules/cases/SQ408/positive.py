import sqlalchemy as sa
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.sql.expression import UpdateBase

engine = create_engine("sqlite://")


def add_user(users):
    with engine.connect() as conn:  # expect: SQ408
        conn.execute(users.insert().values(name="x"))


def raw():
    conn = engine.connect()  # expect: SQ408
    conn.execute(text("DELETE FROM users"))  # one finding per connection, from where it opens
    conn.execute(text("DELETE FROM orders"))
    conn.close()


async def core(users):
    with engine.connect() as conn:  # expect: SQ408
        conn.exec_driver_sql("UPDATE users SET x = 1")


with engine.connect() as script_conn:  # expect: SQ408
    script_conn.execute(sa.insert(users))


class Fixtures:
    def add_aggregate(self, tbl, uuid):
        conn = self.placement_db.get_engine().connect()  # expect: SQ408 weak
        res = conn.execute(tbl.insert().values(uuid=uuid))
        return res.inserted_primary_key[0]


class DeleteFromSelect(UpdateBase):
    """masakari's own DML construct: an `UpdateBase` subclass."""

    def __init__(self, table, select, column):
        self.table, self.select, self.column = table, select, column


def purge(tables):
    conn = engine.connect()  # expect: SQ408
    for table in tables:
        conn.execute(DeleteFromSelect(table, select(table.c.id), table.c.id))
