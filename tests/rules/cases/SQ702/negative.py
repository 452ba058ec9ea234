from sqlalchemy.orm import defaultload, joinedload, raiseload

a = defaultload(User.orders).joinedload(Order.items)
b = raiseload("orders.*")
c = "orders.items".split(".")
