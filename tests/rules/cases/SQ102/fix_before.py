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
    a = session.query(User).filter_by(name="ed").first()
    b = session.query(User.id, User.name).order_by(User.id).first()
    c = session.query(User).order_by(User.id).limit(5).offset(2).first()
    d = session.query(User).options(joinedload(User.addresses)).first()
    return a, b, c, d
