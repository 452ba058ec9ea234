
from models import User
from sqlalchemy.orm import Session, aliased


def first_match(session: Session):
    subq = session.query(User).filter(User.name.like("%x%")).subquery()
    return session.query(aliased(User, subq)).filter_by(name="ed").first()


def counted(session: Session, subq):
    return session.query(aliased(User, subq)).count()


def still_manual(session: Session, subq):
    a = session.query(User).select_entity_from(subq).order_by(User.id).all()
    q = session.query(User).select_entity_from(subq)
    return a, q
