from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    row = conn.execute(select(users)).first()
    cols = row.keys()
    names = list(row.keys())
    result_cols = conn.execute(select(users)).keys()
