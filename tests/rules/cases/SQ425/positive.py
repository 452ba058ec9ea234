from sqlalchemy import Sequence, create_engine

engine = create_engine("sqlite://")


def next_id():
    with engine.connect() as conn:
        return conn.execute(Sequence("order_seq")).scalar()  # expect: SQ425


def guessed(conn):
    return conn.execute(  # expect: SQ425 weak
        Sequence("s")
    )


def next_values(engine, name):
    seq = Sequence(name)
    with engine.connect() as conn:
        first = [conn.execute(seq) for _ in range(2)]  # expect: SQ425
        return first, conn.execute(seq)  # expect: SQ425
