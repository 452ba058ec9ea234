from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def insert(users):
    with engine.begin() as conn:
        conn.execute(users.insert(), id=10, name="x")  # expect: SQ405
        conn.execute(  # expect: SQ405
            text("select * from t where id = :id"),
            id=5,
        )


def splat(conn, stmt, values):
    return conn.execute(stmt, **values)  # expect: SQ405 weak
