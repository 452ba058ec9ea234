from sqlalchemy.orm import Session

from models import User


def first_match(session: Session):
    subq = session.query(User).filter(User.name.like("%x%")).subquery()
    return session.query(User).select_entity_from(subq).filter_by(name="ed").first()


def counted(session: Session, subq):
    return session.query(User).select_entity_from(subq).count()


def still_manual(session: Session, subq):
    a = session.query(User).select_entity_from(subq).order_by(User.id).all()
    q = session.query(User).select_entity_from(subq)
    return a, q
