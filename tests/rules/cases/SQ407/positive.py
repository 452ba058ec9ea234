from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def insert():
    with engine.connect() as conn:
        conn.execute("INSERT INTO t (a, b) VALUES (?, ?)", (1, 2))  # expect: SQ407
        conn.execute("INSERT INTO t (a, b) VALUES (?, ?)", 1, 2)  # expect: SQ407
        conn.execute("INSERT INTO t (a) VALUES (?)", [(1,), (2,)])  # expect: SQ407


def guessed(conn, sql):
    return conn.execute(sql, 5)  # expect: SQ407 weak
