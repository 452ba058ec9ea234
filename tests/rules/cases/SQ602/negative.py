from sqlalchemy import select

a = select(users.c.id).where(users.c.id == 5).order_by(users.c.id).limit(5)
b = select(users.c.id, users.c.name)
