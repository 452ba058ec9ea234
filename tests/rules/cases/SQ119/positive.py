from sqlalchemy.orm import Session


def union(session: Session):
    return session.query(User).filter(User.id == 1).union(session.query(User).filter(User.id == 2)).all()  # expect: SQ119


def others(session: Session):
    a = session.query(User.id)
    b = session.query(Address.user_id)
    return a.union_all(b), a.intersect(b), a.except_(b)  # expect: SQ119
