import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, delete, insert, update

from app.cache import cache

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer))

a = users.update().where(users.c.id == 5).values(name="x")
b = insert(users).values(name="x")
c = delete(users).where(users.c.id == 1)
d = sa.update(users)
settings = {}
settings.update({"a": 1})
items = []
items.insert(0, "x")
cache.delete("key")
cache.update(timeout=3)
e = update(users, mysql_limit=10)
f = users.update(preserve_parameter_order=True)


def merge(config, other):
    config.update(other)
    return config
