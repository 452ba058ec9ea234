from app.extensions import db
from sqlalchemy.orm import Session


def found(session: Session):
    return session.query(session.query(User).filter(User.id == 1).exists()).scalar()  # expect: SQ117


def found_variable(session: Session):
    q = session.query(User).filter_by(name="x")
    return session.query(q.exists()).scalar()  # expect: SQ117


def cross_module():
    q = db.session.query(User).filter(User.id == 1)
    return not db.session.query(q.exists()).scalar()  # expect: SQ117 weak
