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
    a = session.query(User).filter_by(id=5).one()
    b = session.query(User.id, User.name).filter(User.id == 5).one()
    c = session.query(User).options(joinedload(User.addresses)).filter(User.id == 1).one()
    d = session.query(User).join(User.addresses).filter(Address.email == "x").one()
    return a, b, c, d
