from sqlalchemy.sql.expression import subquery
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = subquery("a", [users.c.id], users.c.id > 5)
b = subquery("b", [users.c.id, users.c.name], order_by=[users.c.name], limit=3)
