from sqlalchemy import create_engine, select, text

engine = create_engine("sqlite://")


def keys_of_row():
    with engine.connect() as conn:
        row = conn.execute(text("SELECT 1 AS x")).first()
        cols = row.keys()  # expect: SQ502
        for r in conn.execute(select(1)):
            print(dict(zip(r.keys(), r)))  # expect: SQ502
    return cols


def weak(row):
    return list(row.keys())  # expect: SQ502 weak
