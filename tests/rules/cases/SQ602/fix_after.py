import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table, select

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
orders = Table("orders", metadata, Column("id", Integer), Column("user_id", Integer))

a = select([users.c.id]).where(users.c.id == 5).order_by(users.c.id).limit(5)
b = select([users.c.id, users.c.name]).where(users.c.id > 1).offset(2).distinct()
c = (
    sa.select([users.c.name, orders.c.id])
    .where(users.c.id == orders.c.user_id)
    .select_from(users.join(orders, users.c.id == orders.c.user_id))
    .order_by(orders.c.id)
)
d = select([users.c.id]).group_by(users.c.id).having(sa.func.count() > 1)
e = select([users]).set_label_style(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
f = select([users.c.id]).with_for_update(nowait=True)
g = select([users.c.id]).order_by(users.c.name)
