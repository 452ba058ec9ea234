from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    data = [dict(r._mapping) for r in conn.execute(select(users))]
    row = conn.execute(select(users)).first()
    merged = {**row._mapping, "extra": 1}
    plain = dict(row._mapping)


def snapshot(db):
    return [dict(row._mapping) for row in db.execute(users.select())]


def guessed(row):
    return dict(row)


def build(conn, make):
    return [make(kind="user", **r._mapping) for r in conn.execute(select(users))]
