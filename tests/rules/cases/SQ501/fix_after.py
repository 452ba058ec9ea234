from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    for row in conn.execute(select(users)):
        print(row._mapping["name"], row._mapping[users.c.id], row[0])
    first = conn.execute(select(users)).first()
    name = first._mapping["name"]
    key = "id"
    ident = first[key]


def load_cache(db):
    # `db` is a parameter named like a session; executing `users.select()` proves the rows.
    for row in db.execute(users.select()):
        print(row._mapping["name"], row._mapping[users.c.id])
    found = db.execute(select(users.c.name).where(users.c.id == 1)).fetchall()
    return [r._mapping["name"] for r in found]


def guessed(row):
    return row["name"]
