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
    a = session.scalar(select(func.count()).select_from(select(User).subquery()))
    b = session.scalar(select(func.count()).select_from(select(User).join(User.addresses).where(Address.email.like("%@x")).subquery()))
    c = session.scalar(select(func.count()).select_from(select(User.name).distinct().subquery()))
    d = session.scalar(select(func.count()).select_from(select(User).order_by(User.id).limit(2).subquery()))
    return a, b, c, d
