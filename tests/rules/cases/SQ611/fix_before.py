from sqlalchemy import func, select
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

n = select(func.count(addresses.c.id)).where(addresses.c.user_id == users.c.id).as_scalar()
m = select(func.max(users.c.id)).as_scalar().label("m")
