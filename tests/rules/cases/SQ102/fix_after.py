from sqlalchemy import Column, ForeignKey, Integer, String, func, select
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
    a = session.scalars(select(User).filter_by(name="ed").limit(1)).first()
    b = session.execute(select(User.id, User.name).order_by(User.id).limit(1)).first()
    c = session.scalars(select(User).order_by(User.id).limit(5).offset(2).limit(1)).first()
    d = session.scalars(select(User).options(joinedload(User.addresses)).limit(1)).first()
    return a, b, c, d
