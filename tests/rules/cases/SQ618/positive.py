from sqlalchemy import select

s = select(users.c.id)
froms = s.froms  # expect: SQ618
