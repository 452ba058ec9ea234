from sqlalchemy import Column, Integer, MetaData, String, Table, select

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))
s = select(users.c.id, users.c.name)
names = list(s.c.keys())
also = s.columns.keys()
s2 = s.where(s.c.name == "ed")
