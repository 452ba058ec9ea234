from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def keys_of_result():
    with engine.connect() as conn:
        result = conn.execute(text("SELECT 1 AS x"))
        cols = result.keys()
        row = result.first()
        return cols, row._fields, row._mapping.keys()


def dict_row():
    row = {"a": 1}
    return row.keys()


def loop(config):
    for r in config.sections():
        print(r.keys())
