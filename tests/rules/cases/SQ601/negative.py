from sqlalchemy import select
from myorm import select as other_select

a = select(users.c.id, users.c.name)
b = select(users)
c = other_select([1, 2])


def single(col):
    return select(col)


def query_text(cursor):
    cursor.execute("select([x])")
