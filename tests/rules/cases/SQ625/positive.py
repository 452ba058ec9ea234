from sqlalchemy import select
from sqlalchemy.orm import Session

a = select(t).distinct(t.c.user_id).order_by(t.c.user_id)  # expect: SQ625


def f(session: Session):
    return session.query(User).distinct(User.name).all()  # expect: SQ625
