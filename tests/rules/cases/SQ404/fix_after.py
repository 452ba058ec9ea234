from sqlalchemy import create_engine

engine = create_engine("sqlite://")

with engine.connect() as conn:
    conn.exec_driver_sql("CREATE TABLE t (id INTEGER, v TEXT)")
    conn.exec_driver_sql("INSERT INTO t VALUES (?, ?)", (1, "a%%"))
    conn.exec_driver_sql("INSERT INTO t VALUES (?, ?)", (2, "b"))
    conn.exec_driver_sql("INSERT INTO t VALUES (:id, :v)", [{"id": 3, "v": "c"}, {"id": 4, "v": "d"}])
    rows = conn.exec_driver_sql("SELECT v FROM t WHERE id = :id", {"id": 3}).fetchall()
    one = conn.exec_driver_sql("SELECT v FROM t WHERE id = ?", (1,)).scalar()
    sql = "SELECT count(*) FROM t"
    n = conn.exec_driver_sql(sql).scalar()
    m = conn.execute(f"SELECT {1}")  # built SQL: left alone
engine.execute("SELECT 1")  # an Engine: SQ401's job, left alone
