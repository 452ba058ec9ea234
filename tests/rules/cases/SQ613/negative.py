from sqlalchemy import Column, Integer, MetaData, Table, select

from app.schema import accounts

users = Table("users", MetaData(), Column("id", Integer))
a = users.select()
b = select(users.c.id).subquery().select()
c = accounts.select()
d = soup.select("div")
