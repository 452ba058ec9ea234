from sqlalchemy import Column, Integer, MetaData, Table, select

users = Table("users", MetaData(), Column("id", Integer))
s = select(users.c.id)
outer = s.select()  # expect: SQ613
inner = users.select().where(users.c.id > 1).select()  # expect: SQ613
