from sqlalchemy import select

sub = select(users.c.id)
a = users.c.id.in_(sub)
b = users.c.id.in_([1, 2, 3])
c = flags.in_(other.subquery())
