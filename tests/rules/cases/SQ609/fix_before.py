from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

s = select(users.c.id)
s2 = s.column(users.c.name)
s.append_whereclause(users.c.id == 5)
