import requests
from sqlalchemy import Column, Integer, MetaData, Table, bindparam, select, text

users = Table("users", MetaData(), Column("id", Integer))
a = select(users).where(users.c.id == bindparam("n")).params(n=5)
b = text("select 1 where x = :x").params(x=1)
r = requests.Request("GET", "http://x").params(a=1)
