from sqlalchemy import Sequence, create_engine

engine = create_engine("sqlite://")


def next_id():
    with engine.connect() as conn:
        return conn.scalar(Sequence("order_seq"))
