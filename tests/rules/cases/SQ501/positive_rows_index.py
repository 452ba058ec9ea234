# One row taken from a fetched list by position.
from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def check(images):
    with engine.connect() as conn:
        rows = conn.execute(images.select().order_by(images.c.id)).fetchall()
    assert rows[0]["is_public"] == 0  # expect: SQ501
    last = rows[-1]
    return last["id"]  # expect: SQ501


def migration_check(engine, images):
    # glance's migration tests: weak (the engine is a parameter), but fetched right here.
    with engine.connect() as conn:
        rows = conn.execute(images.select().order_by(images.c.id)).fetchall()
    items = [{"is_public": 1}]
    return rows[1]["is_public"], items[0]["is_public"]  # expect: SQ501 weak
