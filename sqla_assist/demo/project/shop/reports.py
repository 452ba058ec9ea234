"""Reports written against Core, 1.x style."""

import sqlalchemy as sa

from shop.db import engine
from shop.models import Order, Product, User

users = User.__table__
orders = Order.__table__
products = Product.__table__


def order_lines(user_id):
    stmt = sa.select(
        [orders.c.id, products.c.title, orders.c.quantity],
        orders.c.user_id == user_id,
        from_obj=[orders.join(products)],
        order_by=[orders.c.id],
    )
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(stmt)]


def emails():
    with engine.connect() as conn:
        result = conn.execute(sa.select([users.c.email]).order_by(users.c.email))
        return [row["email"] for row in result]


def low_stock(limit=5):
    with engine.connect() as conn:
        rows = conn.execute("SELECT sku, stock FROM products WHERE stock < ?", (limit,)).fetchall()
    return [(row["sku"], row["stock"]) for row in rows]


def revenue():
    stmt = sa.select([sa.func.sum(products.c.price * orders.c.quantity)]).select_from(orders.join(products))
    return engine.execute(stmt).scalar()
