from sqlalchemy import Column, Integer, MetaData, String, Table, select
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = select(users.c.id).where(users.c.id > 5).subquery("a")
b = select(users.c.id, users.c.name).order_by(users.c.name).limit(3).subquery("b")
