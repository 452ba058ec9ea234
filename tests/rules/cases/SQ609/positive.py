from sqlalchemy import select

s = select(users.c.id)
s.append_whereclause(users.c.id == 5)  # expect: SQ609
s.append_column(users.c.name)  # expect: SQ609
s2 = s.column(users.c.email)  # expect: SQ609


def add_order(stmt):
    stmt.append_order_by(users.c.id)  # expect: SQ609 weak
