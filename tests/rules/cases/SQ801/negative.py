from sqlalchemy import lambda_stmt, select

from bakery import bakery as pastry

cakes = pastry()


def lookup(session, uid):
    return session.execute(lambda_stmt(lambda: select(User).where(User.id == uid))).scalar_one()


baked_goods = ["bread"]
