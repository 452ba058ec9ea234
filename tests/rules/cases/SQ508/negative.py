from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def plain(table, frame, items):
    with engine.connect() as conn:
        row = conn.execute(select(table)).first()
        x, y = row
    t = frame.t
    data = items.tuples()
    point = {"t": 1}
    return x, y, t, data, point, frame.T
