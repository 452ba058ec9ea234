import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, join

m = MetaData()
users = Table("users", m, Column("id", Integer))
addresses = Table("addresses", m, Column("user_id", Integer))
j = users.join(addresses).alias()  # expect: SQ619
k = join(users, addresses).alias("ua")  # expect: SQ619


def f():
    jj = sa.outerjoin(users, addresses)
    return jj.alias()  # expect: SQ619
