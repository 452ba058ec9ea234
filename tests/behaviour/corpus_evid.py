"""Behaviour cases for rows whose evidence is proved rather than guessed (merged into `corpus.CASES`).

Same shape as corpus.py: name → (rules the fix must apply, header, body of `run`). The shapes
are CloudBot's: an unannotated helper parameter named like a session (`db`) executing a Core
`table.select()` / `select()` / `text()`, a helper returning such a result, and rows or results
passed as parameters annotated `Row` / `CursorResult`. Each runs with a Connection and, where
CloudBot does, with a Session executing a Core statement (1.4 hands out legacy rows there too).
Every name starts with `evid_` so `pytest tests/behaviour -k evid` selects them.
"""

from __future__ import annotations

HEADERS_EVID = {
    # A table declared here: `people.select()` is a Select only when the Table is visible.
    "V": (
        "from sqlalchemy import Column, Integer, MetaData, String, Table, select, text\n"
        "from sqlalchemy.engine import Connection, CursorResult, Row\n"
        "from sqlalchemy.orm import Session\n"
        "\n"
        'people = Table("users", MetaData(), Column("id", Integer, primary_key=True), '
        'Column("name", String(50)), Column("age", Integer))\n'
    ),
}

_LOAD = (
    "def load(db):\n"
    "    out = []\n"
    "    for row in db.execute(people.select().order_by(people.c.id)):\n"
    '        out.append((row["id"], row["name"], row[people.c.age]))\n'
    "    return out\n"
)

CASES_EVID: dict[str, tuple[tuple[str, ...], str, str]] = {
    "evid_param_table_select_conn": (("SQ501",), "V", _LOAD + "return load(conn)"),
    "evid_param_table_select_session": (("SQ501",), "V", _LOAD + "return load(session)"),
    "evid_param_select_chain_fetchall": (
        ("SQ501",),
        "V",
        "def names(conn):\n"
        "    rows = conn.execute(select(people.c.id, people.c.name).where(people.c.id > 1).order_by(people.c.id)).fetchall()\n"
        '    return [r["name"] for r in rows]\n'
        "return [names(conn), names(session)]",
    ),
    "evid_param_text_first": (
        ("SQ501",),
        "V",
        "def one(db):\n"
        '    found = db.execute(text("SELECT name, age FROM users WHERE id = 2")).first()\n'
        '    return [found["name"], found["age"]]\n'
        "return [one(conn), one(session)]",
    ),
    "evid_helper_returning_result": (
        ("SQ501",),
        "V",
        "def _rows(db):\n"
        "    return db.execute(people.select().where(people.c.age > 20).order_by(people.c.id))\n"
        "def ages(db):\n"
        '    return [(row["name"], row["age"]) for row in _rows(db)]\n'
        "return [ages(conn), ages(session)]",
    ),
    "evid_param_dict_row": (
        ("SQ504",),
        "V",
        "def snapshot(db):\n"
        "    return [dict(row) for row in db.execute(people.select().order_by(people.c.id))]\n"
        "return [snapshot(conn), snapshot(session)]",
    ),
    "evid_annotated_row": (
        ("SQ501",),
        "V",
        "def label(row: Row):\n"
        '    return f"{row[\'name\']}:{row[\'age\']}"\n'
        "return [label(r) for r in conn.execute(select(people).order_by(people.c.id))]",
    ),
    "evid_annotated_result": (
        ("SQ504",),
        "V",
        "def dump(result: CursorResult):\n"
        "    return [dict(r) for r in result]\n"
        "return dump(conn.execute(select(people.c.id, people.c.name).order_by(people.c.id)))",
    ),
}
