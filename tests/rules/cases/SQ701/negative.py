from sqlalchemy.orm import Load, defer, joinedload, lazyload, raiseload, undefer_group

a = raiseload("*")
b = lazyload("*")
c = defer("*")
d = Load(User).lazyload("*")
e = undefer_group("details")
f = joinedload(User.addresses)
g = defaultload("orders.*")


def local(joinedload):
    return joinedload("x")


class Cache:
    def joinedload(self, key):
        return key


h = Cache().joinedload("addresses")
