"""A connection kept on the test case (nova's and cinder's archive tests): `setUp` opens it,
each test writes and reads through `self.conn`, nothing begins or commits."""
import unittest

import sqlalchemy as sa

engine = sa.create_engine("sqlite://")
metadata = sa.MetaData()
users = sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True))


class ArchiveTest(unittest.TestCase):
    def setUp(self):
        self.engine = engine
        self.conn = self.engine.connect()  # expect: SQ408
        self.users = users

    def test_archive(self):
        for uid in (1, 2, 3):
            ins = self.users.insert().values(id=uid)
            self.conn.execute(ins)  # expect: SQ408
        upd = self.users.update().where(self.users.c.id == 1).values(id=9)
        self.conn.execute(upd)
        rows = self.conn.execute(sa.select(self.users)).fetchall()
        self.assertEqual(len(rows), 3)

    def test_reads_only(self):
        rows = self.conn.execute(sa.select(self.users)).fetchall()
        self.assertEqual(rows, [])

    def tearDown(self):
        self.conn.close()
