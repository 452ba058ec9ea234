from sqlalchemy import select

a = select(t.c.x).scalar_subquery()
b = value.as_scalar(3)
