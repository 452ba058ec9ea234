from sqlalchemy import Column, Integer, MetaData, Table, select

users = Table("users", MetaData(), Column("id", Integer))
s = select(users.c.id).where(users.c.id > 1)
froms = s.froms
first = select(users).froms[0]
count = len((s).froms)
