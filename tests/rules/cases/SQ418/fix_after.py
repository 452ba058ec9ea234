from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def work(conn, x):
    return x


def run():
    with engine.begin() as connection:
        result = work(connection, 1)
    with engine.begin() as connection:
        work(connection, 2)
    with engine.connect() as conn:
        value = work(conn, 3)
    other = engine.run_callable(work, 4)
    return result, value, other
