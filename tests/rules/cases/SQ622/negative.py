import copy

from sqlalchemy import Column, Integer, MetaData, Table

m = MetaData()
users = Table("users", m, Column("id", Integer))
users2 = users.to_metadata(MetaData())
d = {}.copy()
e = copy.copy(users)
items = [1]
more = items.copy()
