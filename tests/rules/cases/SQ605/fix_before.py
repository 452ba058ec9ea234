from sqlalchemy import update
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = update(users, values=[(users.c.name, "a"), (users.c.id, 2)], preserve_parameter_order=True)
b = users.update(users.c.id == 1, [(users.c.name, "b")], preserve_parameter_order=True)
