from sqlalchemy.orm import Load, joinedload

a = joinedload(User.orders).joinedload(Order.user).raiseload("*")  # expect: SQ713 weak
b = Load(User).selectinload(User.orders).joinedload(Order.user).lazyload("*")  # expect: SQ713 weak
