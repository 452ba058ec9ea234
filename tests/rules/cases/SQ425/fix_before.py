from sqlalchemy import Sequence, create_engine

engine = create_engine("sqlite://")


def next_id():
    with engine.connect() as conn:
        return conn.execute(Sequence("order_seq"))
