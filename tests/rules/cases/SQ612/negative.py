from sqlalchemy import Column, Integer, MetaData, Table, select

from app.schema import accounts

users = Table("users", MetaData(), Column("id", Integer))
a = select(users).where(users.c.id == 5)
sq = select(users.c.id).subquery()
b = select(sq.c.id)
c = s.selected_columns.id
d = accounts.c.id

dashboards = Table("dashboards", MetaData(), Column("id", Integer))
dashboards = select([dashboards.c.id.label("object_id")]).where(dashboards.c.id > 1)
