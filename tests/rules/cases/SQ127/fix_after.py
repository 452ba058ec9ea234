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
    a = session.execute(select(User).filter_by(name="ed"))
    q = session.query(User.id).filter(User.id > 1)
    b = session.execute(q.statement)
    c = session.execute(session.query(User).params(n=1).statement, {"n": 2})
    return a, b, c
