# One row taken from a fetched list by position.
from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def check(images):
    with engine.connect() as conn:
        rows = conn.execute(images.select().order_by(images.c.id)).fetchall()
    assert rows[0]["is_public"] == 0  # expect: SQ501
    last = rows[-1]
    return last["id"]  # expect: SQ501
