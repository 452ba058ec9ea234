from sqlalchemy.orm import joinedload

from app.loaders import eagerload

a = joinedload(User.addresses)
b = eagerload(User.addresses)
