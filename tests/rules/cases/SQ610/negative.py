from sqlalchemy import select

a = select(t).with_only_columns(t.c.x, t.c.y)
b = select(t).with_only_columns(*cols)
