from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    row = conn.execute(select(users)).first()
    pairs = list(row.items())
    vals = row.values()
    if row.has_key("id"):
        print(next(row.iterkeys()), list(row.itervalues()))
    flag = row.has_key("name") == True
