from sqlalchemy import orm
from sqlalchemy.orm import joinedload, selectinload

a = selectinload(Address.user, User.addresses)  # expect: SQ714
b = orm.joinedload(User.orders, Order.items, Item.keywords)  # expect: SQ714
