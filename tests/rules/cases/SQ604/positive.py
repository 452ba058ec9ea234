import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, delete, insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.schema import accounts

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", Integer))

a = users.update(users.c.id == 5, values={"name": "x"})  # expect: SQ604
b = users.delete(users.c.id > 15)  # expect: SQ604
c = users.insert({"name": "x"})  # expect: SQ604
d = insert(users, values={"name": "x"})  # expect: SQ604
e = sa.update(users, users.c.id == 1, {"name": "y"})  # expect: SQ604
f = delete(users, whereclause=users.c.id == 2)  # expect: SQ604
g = insert(users, inline=True)  # expect: SQ604
h = pg_insert(users, returning=[users.c.id])  # expect: SQ604
i = accounts.delete(accounts.c.id == 3)  # expect: SQ604 weak


def stmt(item_id):
    return update(  # expect: SQ604
        users,
        users.c.id == item_id,
    )
