from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def walk(users):
    with engine.connect() as conn:
        row = conn.execute(select(users)).first()
        for k, v in row.items():  # expect: SQ505
            print(k, v)
        if row.has_key("id"):  # expect: SQ505
            print(list(row.values()))  # expect: SQ505
        for r in conn.execute(select(users)):
            print(list(r.iterkeys()), list(r.itervalues()))  # expect: SQ505


def weak(row):
    return row.items()  # expect: SQ505 weak
