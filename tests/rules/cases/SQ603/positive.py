import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, exists, join
from sqlalchemy.orm import declarative_base

from app.schema import accounts

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer))
addresses = sa.Table("addresses", metadata, Column("user_id", Integer))

a = users.select(users.c.id == 5)  # expect: SQ603
b = users.select(order_by=users.c.id)  # expect: SQ603
c = users.join(addresses).select(users.c.id == 5)  # expect: SQ603
d = join(users, addresses).select(  # expect: SQ603
    users.c.id > 1,
)
e = users.alias("u").select(whereclause=users.c.id == 1)  # expect: SQ603
f = exists().select(users.c.id == 1)  # expect: SQ603
g = accounts.select(accounts.c.id == 3)  # expect: SQ603 weak


Base = declarative_base()


class User(Base):
    __tablename__ = "user"


async def load(conn):
    return await conn.execute(User.__table__.select(User.__table__.c.id == 4))  # expect: SQ603
