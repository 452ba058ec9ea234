from sqlalchemy.orm import defaultload, defer, load_only
from twisted.internet import defer as tdefer

a = defaultload(User.orders).defer(Order.notes)
b = defer(User.bio), defer(User.photo)
c = load_only(User.a, User.b)
d = tdefer.succeed(1, 2)
