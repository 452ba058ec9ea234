import operator

from sqlalchemy import and_, or_, true

a = and_(true(), *conditions)
b = or_(t.c.x == 1, t.c.x == 2)
c = and_(*[t.c.x == 1, t.c.y == 2])
d = operator.and_(1, 2)


def and_(*args):
    return all(args)
