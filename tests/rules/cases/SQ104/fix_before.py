from sqlalchemy import Column, ForeignKey, Integer, String, func
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload

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


def run(session: Session, e):
    a = session.query(User).filter(User.name == e).one_or_none()
    b = session.query(User.name).filter(User.id == 1).one_or_none()
    c = session.query(User).options(joinedload(User.addresses)).filter(User.id == 1).one_or_none()
    return a, b, c
