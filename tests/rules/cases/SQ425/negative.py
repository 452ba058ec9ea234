from sqlalchemy import Sequence, create_engine, select

engine = create_engine("sqlite://")


def next_id(cur):
    with engine.connect() as conn:
        conn.scalar(Sequence("order_seq"))
        conn.execute(select(Sequence("s").next_value()))
    cur.execute(Sequence)
