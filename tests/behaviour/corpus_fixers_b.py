"""Behaviour cases for the fixers-b fixers (SQ503, SQ607, SQ612, SQ618, SQ623, SQ624, SQ625, SQ712; see rules/_fix_fixers_b.py).

Merged into corpus.CASES. Header "F" imports Core names directly, "G" only through
`import sqlalchemy as sa` (the fixer must follow that style). The legacy run is 1.4 without
`future=True`, so `conn` hands out the 1.x `LegacyRow` whose `in` tested keys (SQ503).
"""

from __future__ import annotations

HEADERS_FIXERS_B = {
    "F": (
        "from sqlalchemy import and_, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import addresses, users\n"
    ),
    "G": (
        "import sqlalchemy as sa\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import addresses, users\n"
    ),
    # An enum with an alias member, declared at module level where the SQ623 detector sees it.
    "H": (
        "import enum\n"
        "from sqlalchemy import Column, Enum, Integer, MetaData, Table, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from sqlalchemy.schema import CreateTable\n"
        "\n\nclass Status(enum.Enum):\n"
        "    active = 'active'\n"
        "    enabled = 'active'\n"
        "    off = 'off'\n"
    ),
    # A PostgreSQL project: the file names the dialect (SQ625 is offered only then).
    "P": (
        "from sqlalchemy import select\n"
        "from sqlalchemy.dialects import postgresql\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import addresses, users\n"
    ),
    # An SQLite project with its own integer-typed Table over the seeded `users` rows (SQ624).
    "Q": (
        "from sqlalchemy import Column, Integer, MetaData, Table, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "\nDB_URL = 'sqlite://'\n"
        "people = Table('users', MetaData(), Column('id', Integer, primary_key=True), Column('age', Integer))\n"
    ),
}

_IDS = "return [r.id for r in conn.execute({})]"

CASES_FIXERS_B = {
    # -- SQ607 empty and_(): `true()` keeps "no conditions = every row" ----------------------------
    "fixers_b_and_empty_list": (("SQ607",), "F", "conds = []\n" + _IDS.format("select(users.c.id).where(and_(*conds)).order_by(users.c.id)")),
    "fixers_b_and_some_conditions": (("SQ607",), "F", 'conds = [users.c.age > 26, users.c.name != "mary"]\n' + _IDS.format("select(users.c.id).where(and_(*conds)).order_by(users.c.id)")),
    "fixers_b_and_no_args_sa": (("SQ607",), "G", _IDS.format("sa.select(users.c.id).where(sa.and_()).order_by(users.c.id)")),
    "fixers_b_and_generator_orm": (("SQ607",), "F", 'names = ["ed", "fred"]\nstmt = select(users.c.id).where(and_(*(users.c.name == n for n in names[:0])))\nreturn [r.id for r in session.execute(stmt.order_by(users.c.id))]'),
    # -- SQ618 Select.froms ---------------------------------------------------------------------
    "fixers_b_froms_tables": (("SQ618",), "F", "s = select(users.c.id, addresses.c.email).where(users.c.id == addresses.c.user_id)\nreturn [f.name for f in s.froms]"),
    "fixers_b_froms_join": (("SQ618",), "G", "s = sa.select(users.c.name).select_from(users.join(addresses))\nreturn [type(f).__name__ for f in s.froms]"),
    # -- SQ612 stmt.c.keys() --------------------------------------------------------------------
    "fixers_b_select_c_keys": (("SQ612",), "F", "s = select(users.c.id, addresses.c.id, users.c.name.label(\"who\"))\nreturn list(s.c.keys())"),
    # -- SQ503 "key" in row (1.x LegacyRow tested keys) -----------------------------------------
    "fixers_b_row_in_first": (("SQ503",), "F", 'row = conn.execute(select(users).where(users.c.id == 1)).first()\nreturn ["name" in row, "ed" in row, users.c.age in row, "nope" not in row, addresses.c.email in row]'),
    "fixers_b_row_in_loop": (("SQ503",), "G", 'result = conn.execute(sa.select(addresses.c.id, addresses.c.email).order_by(addresses.c.id))\nout = []\nfor r in result:\n    out.append(["email" in r, "id" not in r])\nreturn out'),
    # -- SQ712 join(Model.__table__, Owner.rel): same SQL and rows as the relationship join -----
    # "core:M" declares the models in the module, where the relationship's target is visible.
    "fixers_b_join_table_select": (("SQ712",), "core:M", "from sqlalchemy import select\nstmt = select(U).join(A.__table__, U.addresses).where(A.email.like('%x.com')).order_by(U.id)\nreturn [str(stmt), [u.id for u in session.scalars(stmt)]]"),
    "fixers_b_join_table_query": (("SQ712",), "core:M", "us = session.query(U).outerjoin(A.__table__, U.addresses).filter(A.id > 2).order_by(U.id).all()\nreturn [u.id for u in us]"),
    # -- SQ623 Enum(PyEnum) with an alias member: omit_aliases=False keeps the 1.x values and DDL ---
    "fixers_b_enum_aliases": (("SQ623",), "H", 't = Table("accounts", MetaData(), Column("id", Integer, primary_key=True), Column("status", Enum(Status)))\nt.create(conn)\nconn.execute(t.insert(), [{"id": 1, "status": Status.enabled}, {"id": 2, "status": "enabled"}])\nrows = [r.status.name for r in conn.execute(select(t).order_by(t.c.id))]\nreturn [t.c.status.type.enums, str(CreateTable(t).compile(dialect=conn.dialect)).strip(), rows]'),
    # -- SQ625 distinct(*cols) on PostgreSQL: the same compiled DISTINCT ON -----------------------
    "fixers_b_distinct_on_pg": (("SQ625",), "P", "stmt = select(users.c.id, users.c.name).distinct(users.c.age).where(users.c.id > 1).order_by(users.c.age, users.c.id)\n# literal binds: 2.1 renders `%(id_1)s::INTEGER` for any bound int, fixed or not\nreturn str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs={'literal_binds': True}))"),
    "fixers_b_distinct_on_pg_two": (("SQ625",), "P", "stmt = select(addresses).distinct(addresses.c.user_id, addresses.c.email).order_by(addresses.c.user_id)\nreturn str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs={'literal_binds': True}))"),
    # -- SQ624 integer `/` on SQLite: `//` keeps 1.x integer division (same SQL, same ints) -------
    "fixers_b_int_division": (("SQ624",), "Q", "stmt = select(people.c.id, people.c.age / 7, people.c.age / people.c.id).order_by(people.c.id)\nreturn [str(stmt.compile(dialect=conn.dialect)), conn.execute(stmt).all()]"),
}
