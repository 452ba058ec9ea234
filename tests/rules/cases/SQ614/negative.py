import sqlalchemy as sa
from sqlalchemy import select, text

from app.queries import sq

inner = select(users.c.id).subquery()
a = select(text("*")).select_from(inner)
b = select(users).join(addresses, users.c.id == addresses.c.user_id)
c = ", ".join(["a", "b"])
d = select(users).join(sq, users.c.id == sq.c.id)


def tags(dashboards):
    dashboards = select(dashboards.c.id).select_from(dashboards)
    return dashboards

from app.models import Order, Product

orders = Order.__table__
products = Product.__table__
e = select(orders.c.id).select_from(orders.join(products))
x = sa.alias(users, name="u")
