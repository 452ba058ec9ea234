import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = sa.select(users, addresses).apply_labels()
b = sa.select(users).where(users.c.id > 1).apply_labels().subquery()
c = sa.select(users, use_labels=True)
