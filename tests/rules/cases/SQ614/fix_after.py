from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

inner = select(users.c.id).where(users.c.name.like("e%"))
a = select(text("*")).select_from(inner.subquery())
b = addresses.join(select(users.c.id).subquery(), addresses.c.user_id == users.c.id)
