import sqlite3
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def modern():
    with engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO t (a, b) VALUES (?, ?)", (1, 2))
        conn.execute(text("select :a"), {"a": 1})
        conn.execute(text("select :a"), [{"a": 1}, {"a": 2}])


def dbapi():
    cur = sqlite3.connect(":memory:").cursor()
    cur.execute("select ?", (1,))
