from sqlalchemy import select

a = select(t).with_only_columns([t.c.x])  # expect: SQ610
b = stmt.with_only_columns((t.c.x, t.c.y))  # expect: SQ610
