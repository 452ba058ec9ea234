import sqlalchemy as sa
from sqlalchemy import select

s = select(users.c.id, users.c.name)
s2 = s.where(s.c.name == "ed")  # expect: SQ612
j = users.join(s, users.c.id == s.c.id)  # expect: SQ612


def f():
    stmt = sa.select(users.c.id).where(users.c.id > 1)
    return stmt.columns["id"]  # expect: SQ612
