from sqlalchemy import delete, insert, update
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = users.update().where(users.c.id == 5).values({"name": "x"})
b = users.delete().where(users.c.id > 15)
c = insert(users).values({"id": 1, "name": "ed"})
d = insert(users).values({"id": 2}).inline().returning(users.c.id).prefix_with("OR IGNORE")
e = update(users).where(users.c.id == 2).values({"name": "y"}).returning(users.c.id)
f = delete(users).where(users.c.id == 3)
g = users.insert().values({"id": 3}).return_defaults()
