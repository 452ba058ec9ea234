from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    addresses = relationship("Address")


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    email = Column(String)


def stored_all(session: Session):
    q = session.query(User).filter(User.name == "ed").order_by(User.id)
    return q.all()


def refined_in_branches(session: Session, name, newest_first):
    q = session.query(User)
    if name is not None:
        q = q.filter(User.name == name)
    if newest_first:
        q = q.order_by(User.id.desc())
    else:
        q = q.order_by(User.id)
    users = q.all()
    return users


def iterated(session: Session):
    q = (
        session.query(User.id, User.name)
        .filter(User.id > 1)  # keep me
    )
    names = []
    for row in q:
        names.append(row.name)
    return names, [u for u in q.filter(User.id < 3)]


def terminals(session: Session):
    q = session.query(User).filter(User.name.like("e%"))
    first = q.first()
    total = q.count()
    last_id = session.query(User.id).order_by(User.id.desc()).limit(1)
    return first, total, last_id.scalar(), q.filter_by(name="ed").one_or_none()


def eager(session: Session):
    q = session.query(User).options(joinedload(User.addresses))
    q = q.filter(User.id < 3)
    return q.all(), q.one()


def returned(session: Session):
    q = session.query(User)
    q = q.filter(User.id > 1)
    return q


def passed_on(session: Session):
    q = session.query(User)
    return paginate(q, 10)


def in_a_lambda(session: Session):
    q = session.query(User)
    fetch = lambda: q.all()  # noqa: E731
    return fetch()


def two_sessions(session: Session, other: Session):
    q = session.query(User)
    session = other
    return q.all()


def paginate(query, size):
    return query.limit(size).all()
