"""Behaviour cases for the fixers of issue #4 "codemods that keep behaviour" (merged into `corpus.CASES`).

Same shape as corpus.py: name → (rules the fix must apply, header, body of `run`). Every name
starts with `fixers_a_` so `pytest tests/behaviour -k fixers_a` selects them.
"""

from __future__ import annotations

HEADERS_FIXERS_A = {
    "FA": (
        "import os\n"
        "import tempfile\n"
        "from sqlalchemy import DDL, Column, Integer, MetaData, Sequence, Table, create_engine, inspect, select, text\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, sessionmaker\n"
        "from sqlalchemy.schema import CreateTable\n"
        "from bmodels import Address, User, addresses, seed, users\n"
    ),
}

# A file database, so a write can be read back through a fresh engine (was it committed?).
_FILE_DB = 'fd, path = tempfile.mkstemp(suffix=".db")\nos.close(fd)\nengine = create_engine("sqlite:///" + path)\nseed(engine)\n'
_CHECK = 'check = create_engine("sqlite:///" + path)\n'

CASES_FIXERS_A: dict[str, tuple[tuple[str, ...], str, str]] = {
    # -- SQ403 DDL executed with an explicit engine ------------------------------------
    "fixers_a_sq403_ddl_committed": (
        ("SQ403",),
        "FA",
        _FILE_DB
        + 'DDL("CREATE TABLE fa_t (id INTEGER)").execute(bind=engine)\n'
        + 'DDL("INSERT INTO fa_t VALUES (5)").execute(engine)\n'
        + _CHECK
        + 'with check.connect() as c:\n    return c.execute(text("SELECT id FROM fa_t")).all()',
    ),
    "fixers_a_sq403_create_table": (
        ("SQ403",),
        "FA",
        _FILE_DB
        + 't = Table("fa_t2", MetaData(), Column("id", Integer, primary_key=True))\n'
        + "CreateTable(t).execute(engine)\n"
        + _CHECK
        + "return sorted(inspect(check).get_table_names())",
    ),
    # -- SQ206 session.transaction.nested ------------------------------------------------------
    "fixers_a_sq206_nested": (
        ("SQ206",),
        "FA",
        "before = session.transaction.nested\n"
        "sp = session.begin_nested()\n"
        "inside = session.transaction is not None and session.transaction.nested\n"
        "session.add(User(id=30, name='sp'))\n"
        "sp.rollback()\n"
        "after = session.transaction.nested\n"
        "return [before, inside, after, session.execute(select(User.id).where(User.id == 30)).all()]",
    ),
    # -- SQ122 select_entity_from -----------------------------------------------------------------
    "fixers_a_sq122_filter_by": (
        ("SQ122",),
        "FA",
        "subq = session.query(User).filter(User.age == 30).subquery()\n"
        "found = session.query(User).select_entity_from(subq).filter_by(name='mary').all()\n"
        "n = session.query(User).select_entity_from(subq).count()\n"
        "everyone = session.query(User).select_entity_from(subq).all()\n"
        "return [found, n, sorted(u.id for u in everyone)]",
    ),
    # -- SQ126 with_labels / apply_labels / reset_joinpoint ----------------------------------------
    "fixers_a_sq126_labels_joinpoint": (
        ("SQ126",),
        "FA",
        "rows = session.query(User.id, Address.id).join(User.addresses).with_labels().order_by(Address.id).all()\n"
        "row = session.query(User.id, User.name).apply_labels().order_by(User.id).first()\n"
        "joined = session.query(User).join(User.addresses).reset_joinpoint().filter(Address.id > 2).order_by(User.id).all()\n"
        "return [rows, list(row._mapping.keys()), joined]",
    ),
    # -- SQ211 try/commit/except/rollback/finally/close ------------------------------------------
    "fixers_a_sq211_commit_and_rollback": (
        ("SQ211",),
        "FA",
        "F = sessionmaker(bind=session.get_bind())\n"
        "def ok():\n"
        "    s2 = F()\n"
        "    try:\n"
        "        s2.add(User(id=40, name='w'))\n"
        "        s2.commit()\n"
        "    except Exception:\n"
        "        s2.rollback()\n"
        "        raise\n"
        "    finally:\n"
        "        s2.close()\n"
        "def fail():\n"
        "    s3 = F()\n"
        "    try:\n"
        "        s3.add(User(id=41, name='x'))\n"
        "        s3.add(User(id=1, name='dup'))\n"
        "        s3.commit()\n"
        "    except:\n"
        "        s3.rollback()\n"
        "        raise\n"
        "    finally:\n"
        "        s3.close()\n"
        "ok()\n"
        "try:\n"
        "    fail()\n"
        "    err = None\n"
        "except Exception as e:\n"
        "    err = type(e).__name__\n"
        "return [err, session.execute(select(User.id, User.name).where(User.id >= 40).order_by(User.id)).all()]",
    ),
    # -- SQ110 filter_by after a join / with several entities --------------------------------------
    "fixers_a_sq110_filter_by_join": (
        ("SQ110",),
        "FA",
        "a = session.query(User).join(Address).filter_by(id=3).all()\n"
        "b = session.query(User.name, Address.email).outerjoin(Address, Address.user_id == User.id).filter_by(id=1).order_by(Address.id).all()\n"
        "c = session.query(User, Address).filter_by(name='wendy').filter(Address.user_id == User.id).all()\n"
        "d = session.execute(select(User.id).join(Address).filter_by(email='fred2@x.com')).all()\n"
        "return [a, b, c, d]",
    ),
}
