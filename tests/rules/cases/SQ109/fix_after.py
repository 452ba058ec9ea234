from sqlalchemy import Column, ForeignKey, Integer, String, func, select
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
    q = select(User).where(User.name == "ed").order_by(User.id)
    return session.scalars(q).all()


def refined_in_branches(session: Session, name, newest_first):
    q = select(User)
    if name is not None:
        q = q.where(User.name == name)
    if newest_first:
        q = q.order_by(User.id.desc())
    else:
        q = q.order_by(User.id)
    users = session.scalars(q).all()
    return users


def iterated(session: Session):
    q = (
        select(User.id, User.name)
        .where(User.id > 1)  # keep me
    )
    names = []
    for row in session.execute(q):
        names.append(row.name)
    return names, [u for u in session.execute(q.where(User.id < 3))]


def terminals(session: Session):
    q = select(User).where(User.name.like("e%"))
    first = session.scalars(q.limit(1)).first()
    total = session.scalar(select(func.count()).select_from(q.subquery()))
    last_id = select(User.id).order_by(User.id.desc()).limit(1)
    return first, total, session.execute(last_id).scalar_one_or_none(), session.execute(q.filter_by(name="ed")).scalar_one_or_none()


def eager(session: Session):
    q = select(User).options(joinedload(User.addresses))
    q = q.where(User.id < 3)
    return session.scalars(q).unique().all(), session.scalars(q).unique().one()


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
