import sqlalchemy as sa
from sqlalchemy import create_engine, insert, text

engine = create_engine("sqlite://")


def add_user(users):
    with engine.connect() as conn:  # expect: SQ408
        conn.execute(users.insert().values(name="x"))


def raw():
    conn = engine.connect()
    conn.execute(text("DELETE FROM users"))  # expect: SQ408
    conn.execute(text("DELETE FROM orders"))  # expect: SQ408
    conn.close()


async def core(users):
    with engine.connect() as conn:  # expect: SQ408
        conn.exec_driver_sql("UPDATE users SET x = 1")


with engine.connect() as script_conn:  # expect: SQ408
    script_conn.execute(sa.insert(users))


class Fixtures:
    def add_aggregate(self, tbl, uuid):
        conn = self.placement_db.get_engine().connect()
        res = conn.execute(tbl.insert().values(uuid=uuid))  # expect: SQ408 weak
        return res.inserted_primary_key[0]
