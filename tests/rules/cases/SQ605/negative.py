from sqlalchemy import Column, Integer, MetaData, Table, update

users = Table("users", MetaData(), Column("id", Integer), Column("x", Integer))

a = update(users).ordered_values((users.c.x, 1), (users.c.id, 2))
b = update(users).values(x=1)
options = {"preserve_order": True}
