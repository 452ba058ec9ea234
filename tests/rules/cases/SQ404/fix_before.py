from sqlalchemy import create_engine

engine = create_engine("sqlite://")

with engine.connect() as conn:
    conn.execute("CREATE TABLE t (id INTEGER, v TEXT)")
    conn.execute("INSERT INTO t VALUES (?, ?)", (1, "a%%"))
    conn.execute("INSERT INTO t VALUES (?, ?)", 2, "b")
    conn.execute("INSERT INTO t VALUES (:id, :v)", {"id": 3, "v": "c"}, {"id": 4, "v": "d"})
    rows = conn.execute("SELECT v FROM t WHERE id = :id", id=3).fetchall()
    one = conn.execute("SELECT v FROM t WHERE id = ?", 1).scalar()
    sql = "SELECT count(*) FROM t"
    n = conn.execute(sql).scalar()
    m = conn.execute(f"SELECT {1}")  # built SQL: left alone
engine.execute("SELECT 1")  # an Engine: SQ401's job, left alone
