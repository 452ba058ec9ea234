from sqlalchemy import Column, ForeignKey, Integer, String, func
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, with_parent

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


def run(session: Session, user):
    a = session.query(Address).filter(with_parent(user, User.addresses)).all()
    b = session.query(Address).with_parent(user, "addresses").all()  # string: left alone (SQ707)
    return a, b
