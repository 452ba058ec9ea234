from sqlalchemy.orm import joinedload, raiseload

a = joinedload(User.orders).joinedload(Order.items).raiseload("*")
b = raiseload("*")
c = joinedload(User.orders).raiseload("*")
