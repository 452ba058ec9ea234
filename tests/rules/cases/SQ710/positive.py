from sqlalchemy.orm import Load, defer, undefer

a = defer(User.orders, Order.notes)  # expect: SQ710
b = undefer(User.bio, User.photo)  # expect: SQ710
c = Load(User).defer(User.a, User.b)  # expect: SQ710
