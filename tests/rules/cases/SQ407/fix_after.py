from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def run():
    with engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO t (a, b) VALUES (?, ?)", (1, 2))
        conn.exec_driver_sql("INSERT INTO t (a, b) VALUES (?, ?)", [(1, 2), (3, 4)])
        conn.execute(text("SELECT :a"), (1,))
