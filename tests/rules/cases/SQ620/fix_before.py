from sqlalchemy import delete, update
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = update(users, mysql_limit=10).values(name="x")
b = delete(users, mysql_limit=1, mysql_prefixes=["LOW_PRIORITY"]).where(users.c.id > 3)
