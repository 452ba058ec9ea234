import sqlalchemy.orm as orm
from sqlalchemy.orm import eagerload, joinedload_all

a = eagerload(User.addresses)  # expect: SQ709
b = joinedload_all("orders.items")  # expect: SQ709
c = orm.eagerload("x")  # expect: SQ709
