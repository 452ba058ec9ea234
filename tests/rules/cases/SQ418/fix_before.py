from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def work(conn, x):
    return x


def run():
    result = engine.transaction(work, 1)
    engine.transaction(work, 2)
    with engine.connect() as conn:
        value = conn.run_callable(work, 3)
    other = engine.run_callable(work, 4)
    return result, value, other
