from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = users.select(users.c.id == 5)
b = users.select(users.c.id > 1, order_by=[users.c.name], limit=3)
c = users.join(addresses).select(addresses.c.id > 2)
d = users.select(order_by=users.c.id)
