from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    row = conn.execute(select(users)).first()
    pairs = list(row._mapping.items())
    vals = row._mapping.values()
    if "id" in row._mapping:
        print(next(iter(row._mapping.keys())), list(iter(row._mapping.values())))
    flag = ("name" in row._mapping) == True
