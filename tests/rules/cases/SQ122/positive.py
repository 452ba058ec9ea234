from sqlalchemy.orm import Session


def legacy(session: Session):
    subq = session.query(User).filter(User.name.like("%x%")).subquery()
    return session.query(User).select_entity_from(subq).order_by(User.id).first()  # expect: SQ122


def helper(q, subq):
    return q.select_entity_from(subq)  # expect: SQ122 weak
