from sqlalchemy import select, text
from sqlalchemy.orm import aliased

inner = select(users.c.id).where(users.c.name.like("e%"))
a = select(text("*")).select_from(inner)  # expect: SQ614
b = select(users).join(inner, users.c.id == inner.c.id)  # expect: SQ614
ua = aliased(User, select(User).where(User.id > 1))  # expect: SQ614
