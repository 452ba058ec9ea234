import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

cols = [users.c.id]
a = sa.select(users).with_only_columns([users.c.id, users.c.name])
b = sa.select(users).with_only_columns([c for c in users.c if c.name != "id"])
c = sa.select(users).with_only_columns(cols)
