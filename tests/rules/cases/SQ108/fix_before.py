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



def run(session: Session, n):
    out = []
    for u in session.query(User).filter(User.name != "x"):
        out.append(u)
    names = [r.name for r in session.query(User.name).order_by(User.id)]
    joined = list(session.query(User).join(User.addresses))
    first_three = session.query(User).order_by(User.id)[0:3]
    rest = session.query(User).order_by(User.id)[2:]
    second = session.query(User).order_by(User.id)[1]
    some = session.query(User).order_by(User.id)[:n]
    last = session.query(User).order_by(User.id)[-1]  # negative: manual
    return out, names, joined, first_three, rest, second, some, last
