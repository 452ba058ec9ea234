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
    ids = session.query(User.id).filter(User.name != "x").all()
    rows = session.query(User, func.count(Address.id)).outerjoin(User.addresses).group_by(User.id).all()
    pairs = session.query(User, User.name).all()
    both = session.query(User, Address).filter(User.id == Address.user_id).all()
    names = list(session.execute(select(User.name)))
    name = session.scalar(select(User.name).where(User.id == 1))
    fb = session.query(User).filter_by(name="x").with_entities(User.id).all()  # filter_by: left alone
    return ids, rows, pairs, both, names, name, fb
