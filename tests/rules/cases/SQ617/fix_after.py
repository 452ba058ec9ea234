from sqlalchemy import exists, select
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = exists(users.c.id).where(users.c.id > 5)
b = select(addresses).where(exists(users.c.id, users.c.name).where(users.c.id == addresses.c.user_id))
