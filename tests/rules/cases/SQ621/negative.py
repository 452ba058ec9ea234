from sqlalchemy import *

sq = select(users.c.id).subquery("x")


def subquery(name):
    return name


x = subquery("y")
