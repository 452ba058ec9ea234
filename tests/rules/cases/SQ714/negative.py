from sqlalchemy.orm import joinedload, load_only, selectinload

a = selectinload(Address.user).selectinload(User.addresses)
b = load_only(User.name, User.email)
c = joinedload(User.orders)
