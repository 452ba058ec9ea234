from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def dump(users, items):
    with engine.connect() as conn:
        data = [dict(r._mapping) for r in conn.execute(select(users))]
        rows = [r._asdict() for r in conn.execute(select(users))]
        maps = conn.execute(select(users)).mappings().all()
    pairs = [dict(r) for r in items]
    row = {"a": 1}
    copy = dict(row)
    merged = {**row}
    return data, rows, maps, pairs, copy, merged, dict(a=1)
def opts(**kw):
    settings = {"a": 1}
    return dict(**settings)
