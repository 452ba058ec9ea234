from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def literal():
    with engine.connect() as conn:
        conn.execute("UPDATE t SET v = %s WHERE name LIKE 'a%%'", (5,))  # expect: SQ404


def named_string():
    sql = "SELECT * FROM t WHERE id = %(id)s"
    with engine.begin() as conn:
        return conn.execute(sql, id=5)  # expect: SQ404


def on_engine():
    return engine.execute("SELECT 1")  # expect: SQ404


def injected(name):
    with engine.connect() as conn:
        return conn.execute(f"SELECT * FROM t WHERE name = '{name}'")  # expect: SQ404


def weak(conn):
    return conn.execute("SELECT 1")  # expect: SQ404 weak


def create_trigger(conn, params):
    conn.execute(str(CreateTriggerSQL(**params)))  # expect: SQ404 weak
