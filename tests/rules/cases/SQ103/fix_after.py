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
    a = session.execute(select(User).filter_by(id=5)).scalar_one()
    b = session.execute(select(User.id, User.name).where(User.id == 5)).one()
    c = session.scalars(select(User).options(joinedload(User.addresses)).where(User.id == 1)).unique().one()
    d = session.scalars(select(User).join(User.addresses).where(Address.email == "x")).unique().one()
    return a, b, c, d
