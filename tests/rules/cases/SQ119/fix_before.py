from sqlalchemy import Column, ForeignKey, Integer, String, func
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
    a = session.query(User).filter(User.id == 1).union(session.query(User).filter(User.id == 2)).all()
    b = session.query(User.id).union_all(session.query(Address.user_id)).all()
    c = session.query(User).filter(User.id > 1).except_(session.query(User).filter(User.id == 3)).first()
    d = session.query(User).order_by(User.id).union(session.query(User)).all()  # order_by: left alone
    e = session.query(User.id).intersect(session.query(Address.user_id))  # not run here: left alone
    return a, b, c, d, e
