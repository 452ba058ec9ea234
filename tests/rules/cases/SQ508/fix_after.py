from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
engine = create_engine("sqlite://")

with engine.connect() as conn:
    pairs = conn.execute(select(users.c.id, users.c.name)).all()
    row = conn.execute(select(users.c.id, users.c.name)).first()
    x, y = row
    both = row
    ident = row[0]
    again = row
