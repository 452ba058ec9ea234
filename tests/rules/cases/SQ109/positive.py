from sqlalchemy import func
from sqlalchemy.orm import Session, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


def stored(session: Session):
    q = (
        session.query(User, func.count(Address.id))  # expect: SQ109
        .outerjoin(User.addresses)
        .group_by(User.id)
    )
    return q.all()


def returned(session: Session):
    return session.query(User).filter(User.active).order_by(User.id)  # expect: SQ109


def helper():
    return db_session.query(User)  # expect: SQ109


def generator(session: Session):
    yield session.query(User).filter_by(name="x")  # expect: SQ109


def annotated(session: Session):
    q: object = session.query(User).options()  # expect: SQ109
    return q


def guessed(db):
    return db.query(User).filter(User.active)  # expect: SQ109 weak


def split_across_lines(session: Session):
    q = session.query(User)  # expect: SQ109
    q = q.filter(User.active)
    return q.all()
