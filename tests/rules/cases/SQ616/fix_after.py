from sqlalchemy import except_, select, union, union_all
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

s1 = select(users.c.id)
s2 = select(addresses.c.id)
a = union(s1, s2).order_by("id").limit(10)
b = union_all(s1, s2).order_by(users.c.id, users.c.name).offset(2)
c = except_(s1, s2)
