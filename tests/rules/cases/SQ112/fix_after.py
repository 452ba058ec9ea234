from sqlalchemy import select, Column, ForeignKey, Integer, String, func
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


def run(session: Session, result):
    a = session.scalars(select(User).options(joinedload(User.addresses))).unique().all()
    b = session.scalars(select(User).options(joinedload(User.addresses))).unique().all()
    c = session.execute(select(User).where(User.id == 1).options(joinedload(User.addresses))).unique().scalar_one()
    d = session.execute(select(User).options(joinedload(User.addresses))).scalars().unique().all()
    return a, b, c, d
