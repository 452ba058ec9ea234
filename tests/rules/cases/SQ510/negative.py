from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def load(users):
    with engine.connect() as conn:
        return conn.execute(select(users)).all()


def frozen(users):
    with engine.connect() as conn:
        return conn.execute(select(users)).freeze()


def caller_owns(conn, users):
    return conn.execute(select(users))


def outer_connection(users):
    conn = engine.connect()
    return conn.execute(select(users))
