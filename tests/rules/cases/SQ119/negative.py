from sqlalchemy import select, union
from sqlalchemy.orm import Session


def modern(session: Session):
    u = union(select(User).where(User.id == 1), select(User).where(User.id == 2))
    return session.scalars(select(User).from_statement(u)).all()


def sets(a, b):
    return a.union(b), set(a).intersection(b), {1}.union({2})


def select_union():
    return select(User.id).union(select(Address.user_id))
