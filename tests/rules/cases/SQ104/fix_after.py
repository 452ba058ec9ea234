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


def run(session: Session, e):
    a = session.execute(select(User).where(User.name == e)).scalar_one_or_none()
    b = session.execute(select(User.name).where(User.id == 1)).one_or_none()
    c = session.scalars(select(User).options(joinedload(User.addresses)).where(User.id == 1)).unique().one_or_none()
    return a, b, c
