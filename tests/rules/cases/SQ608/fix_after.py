import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

a = sa.select(users, addresses).set_label_style(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
b = sa.select(users).where(users.c.id > 1).set_label_style(sa.LABEL_STYLE_TABLENAME_PLUS_COL).subquery()
c = sa.select(users).set_label_style(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
