from sqlalchemy import func
from sqlalchemy.orm import Session


def sub(session: Session):
    return session.query(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()  # expect: SQ118


def statement(session: Session):
    return session.query(User).filter(User.id > 5).statement  # expect: SQ118


def others(session: Session):
    c = session.query(User.id).cte("ids")  # expect: SQ118
    s = session.query(func.max(User.id)).scalar_subquery()  # expect: SQ118
    a = session.query(func.max(User.id)).as_scalar()  # expect: SQ118
    l = session.query(func.max(User.id)).label("m")  # expect: SQ118
    return c, s, a, l


def labelled(session: Session):
    return session.query(User).subquery(with_labels=True)  # expect: SQ118
