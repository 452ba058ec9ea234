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


def run(session: Session):
    a = session.query(User).count()
    b = session.query(User).join(User.addresses).filter(Address.email.like("%@x")).count()
    c = session.query(User.name).distinct().count()
    d = session.query(User).order_by(User.id).limit(2).count()
    return a, b, c, d
