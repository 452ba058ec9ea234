from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

subq = select(users.c.id).where(users.c.name == "foo").subquery()
a = select(addresses).where(addresses.c.user_id.in_(subq))
b = select(addresses).where(addresses.c.user_id.in_(select(users.c.id).subquery()))
