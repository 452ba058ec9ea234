from sqlalchemy import orm
from sqlalchemy.orm import Load, joinedload

a = joinedload("orders.items.keywords")  # expect: SQ702
b = orm.subqueryload("a.b")  # expect: SQ702
c = Load(User).defaultload("orders.items")  # expect: SQ702
