from sqlalchemy import Sequence, create_engine

engine = create_engine("sqlite://")


def next_id():
    with engine.connect() as conn:
        return conn.execute(Sequence("order_seq")).scalar()  # expect: SQ425


def guessed(conn):
    return conn.execute(  # expect: SQ425 weak
        Sequence("s")
    )
