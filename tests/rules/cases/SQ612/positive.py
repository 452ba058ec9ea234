import sqlalchemy as sa
from sqlalchemy import select

# The first `.c` of a Select held in a name is reported from its assignment (where
# `.subquery()` goes) to that use; later uses where they are.
s = select(users.c.id, users.c.name)  # expect: SQ612
s2 = s.where(s.c.name == "ed")
j = users.join(s, users.c.id == s.c.id)  # expect: SQ612


def f():
    stmt = sa.select(users.c.id).where(users.c.id > 1)  # expect: SQ612
    return stmt.columns["id"]
