from sqlalchemy import select
from sqlalchemy.orm import Session


def f(session: Session):
    subq = session.query(User.id).filter(User.name == "foo").subquery()
    return session.query(User).filter(User.id.in_(subq))  # expect: SQ615


a = users.c.id.in_(select(users.c.id).subquery())  # expect: SQ615
b = users.c.id.not_in(q.subquery())  # expect: SQ615 weak
