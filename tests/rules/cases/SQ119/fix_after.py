from sqlalchemy import Column, ForeignKey, Integer, String, except_, func, select, union, union_all
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


def run(session: Session):
    a = session.scalars(select(User).from_statement(union(select(User).where(User.id == 1), select(User).where(User.id == 2)))).unique().all()
    b = session.execute(union_all(select(User.id), select(Address.user_id))).all()
    c = session.scalars(select(User).from_statement(except_(select(User).where(User.id > 1), select(User).where(User.id == 3)).limit(1))).unique().first()
    d = session.query(User).order_by(User.id).union(session.query(User)).all()  # order_by: left alone
    e = session.query(User.id).intersect(session.query(Address.user_id))  # not run here: left alone
    return a, b, c, d, e
