"""Rows whose evidence is proved by what was executed or by an annotation (strong), and the
shapes that stay guesses (weak: the fix is unsafe)."""

import sqlite3

from sqlalchemy import Column, Engine, Integer, MetaData, Row, String, Table, select, text
from sqlalchemy.engine import CursorResult, ResultProxy, RowProxy
from sqlalchemy.orm import Session

meta = MetaData()
users = Table("users", meta, Column("id", Integer), Column("name", String))


def table_select(db):
    # `db` is only named like a session, but nothing but SQLAlchemy executes `users.select()`.
    for row in db.execute(users.select()):
        print(row["name"])  # expect: SQ501


def select_chain_fetchall(conn, wanted):
    rows = conn.execute(select(users.c.id, users.c.name).where(users.c.id == wanted)).fetchall()
    return [r["name"] for r in rows]  # expect: SQ501


def statement_variable(engine):
    stmt = select(users).order_by(users.c.id)
    first = engine.execute(stmt).first()
    return first["id"]  # expect: SQ501


def textual(session):
    one = session.execute(text("SELECT 1 AS x").bindparams()).fetchone()
    return one["x"]  # expect: SQ501


def _load(db):
    return db.execute(users.select())


def through_helper(db):
    for row in _load(db):
        print(row["id"])  # expect: SQ501


def annotated_row(row: Row):
    return row["name"]  # expect: SQ501


def annotated_legacy_row(row: RowProxy):
    return row["name"]  # expect: SQ501


def annotated_result(result: CursorResult):
    return [r["id"] for r in result]  # expect: SQ501


def annotated_result_proxy(result: ResultProxy):
    return result.fetchone()["id"]  # expect: SQ501


def strong_session(session: Session):
    return session.execute(select(users)).first()["name"]  # expect: SQ501


# -- still guesses --------------------------------------------------------------------------
def plain_parameter(row):
    return row["name"]  # expect: SQ501 weak


def rebound_receiver(db):
    db = make_wrapper(db)
    for row in db.execute(users.select()):
        print(row["name"])  # expect: SQ501 weak


class Wrapper:
    def attribute_receiver(self):
        for row in self.db.execute(users.select()):
            print(row["name"])  # expect: SQ501 weak


def annotated_receiver(db: "Wrapper"):
    for row in db.execute(users.select()):
        print(row["name"])  # expect: SQ501 weak


def string_statement(db):
    for row in db.execute("SELECT name FROM users"):
        print(row["name"])  # expect: SQ501 weak


def sqlite3_given_a_table(path):
    # A sqlite3 connection cannot run a SQLAlchemy statement; the receiver's own evidence
    # (strongly not SQLAlchemy) wins over the statement's, so this stays a guess.
    conn = sqlite3.connect(path)
    for row in conn.execute(users.select()):
        print(row["name"])  # expect: SQ501 weak


def make_wrapper(db):
    return db


def numbered(engine: Engine):
    # `enumerate()` hands out (index, row) pairs: the second name holds the rows.
    with engine.connect() as conn:
        for i, row in enumerate(conn.execute(users.select())):
            print(i, row["name"])  # expect: SQ501
        names = [row["name"] for _, row in enumerate(conn.execute(users.select()))]  # expect: SQ501
    return names
