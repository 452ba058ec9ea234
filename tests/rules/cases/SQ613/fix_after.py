from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

s = select(users.c.id).where(users.c.id > 1)
outer = s.subquery().select()
nested = select(users.c.name).limit(2).subquery().select()
