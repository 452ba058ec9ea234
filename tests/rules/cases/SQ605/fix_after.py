from sqlalchemy import update
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = update(users).ordered_values((users.c.name, "a"), (users.c.id, 2))
b = users.update(whereclause=users.c.id == 1).ordered_values((users.c.name, "b"))
