"""Kept connections that commit, that only read, or that are DB-API connections."""
import sqlite3
import unittest

import sqlalchemy as sa

engine = sa.create_engine("sqlite://")
users = sa.Table("users", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))


class Committing(unittest.TestCase):
    def setUp(self):
        self.conn = engine.connect()

    def test_insert(self):
        self.conn.execute(users.insert().values(id=1))
        self.conn.commit()


class ReadOnly(unittest.TestCase):
    def setUp(self):
        self.conn = engine.connect()

    def test_read(self):
        self.conn.execute(sa.select(users)).fetchall()


class DbApi:
    def __init__(self):
        self.db = sqlite3.connect(":memory:")

    def add(self):
        self.db.execute("INSERT INTO t VALUES (1)")


class Transactional(unittest.TestCase):
    def setUp(self):
        self.conn = engine.connect()
        self.trans = self.conn.begin()

    def test_insert(self):
        self.conn.execute(users.insert().values(id=1))
