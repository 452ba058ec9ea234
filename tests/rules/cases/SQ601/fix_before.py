import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table, select

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))

a = select([users.c.id, users.c.name])
b = select([users])
c = sa.select([users.c.id]).where(users.c.id > 1)
d = select(columns=[users.c.name])
cols = [users.c.id, users.c.name]
e = select(cols)
f = select((users.c.id,))
g = select(users.c.id)  # already 2.0 style
