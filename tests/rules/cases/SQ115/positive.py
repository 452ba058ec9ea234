from sqlalchemy import func
from sqlalchemy.orm import Session


def entities(session: Session):
    return session.query(User).filter(User.active).with_entities(User.id).all()  # expect: SQ115


def add_columns(session: Session):
    return (
        session.query(User)  # expect: SQ115
        .add_columns(func.count(Address.id))
        .outerjoin(User.addresses)
        .group_by(User.id)
        .all()
    )


def values(session: Session):
    return list(session.query(User).values(User.name))  # expect: SQ115


def value(session: Session):
    return session.query(User).filter(User.id == 1).value(User.name)  # expect: SQ115


def add_column_variable(session: Session):
    q = session.query(User)
    return q.add_column(User.name).all()  # expect: SQ115


def helper(query):
    return query.with_entities(User.id)  # expect: SQ115 weak
