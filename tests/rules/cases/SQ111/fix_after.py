from sqlalchemy import Column, ForeignKey, Integer, String, func, select
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
    a = session.scalars(select(User).join(User.addresses).where(Address.email.like("%@x"))).unique().all()
    b = session.scalars(select(User).outerjoin(User.addresses)).unique().one_or_none()
    return a, b
