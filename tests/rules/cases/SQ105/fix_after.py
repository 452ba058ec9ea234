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
    a = session.execute(select(func.count(User.id)).where(User.name != None)).scalar_one_or_none()  # noqa: E711
    b = session.execute(select(User.name).where(User.id == 1)).scalar_one_or_none()
    c = session.execute(select(User).where(User.id == 1)).scalar_one_or_none()
    return a, b, c
