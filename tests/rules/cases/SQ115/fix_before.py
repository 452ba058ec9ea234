from sqlalchemy import Column, ForeignKey, Integer, String, func
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
    ids = session.query(User).filter(User.name != "x").with_entities(User.id).all()
    rows = session.query(User).add_columns(func.count(Address.id)).outerjoin(User.addresses).group_by(User.id).all()
    pairs = session.query(User).add_column(User.name).all()
    both = session.query(User).add_entity(Address).filter(User.id == Address.user_id).all()
    names = list(session.query(User).values(User.name))
    name = session.query(User).filter(User.id == 1).value(User.name)
    fb = session.query(User).filter_by(name="x").with_entities(User.id).all()  # filter_by: left alone
    return ids, rows, pairs, both, names, name, fb
