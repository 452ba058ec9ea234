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



def run(session: Session, query):
    a = session.query(User).execution_options(populate_existing=True).execution_options(autoflush=False).execution_options(yield_per=500).all()
    b = session.query(User).populate_existing().get(5)  # SQ107 does this one
    c = session.query(User).enable_eagerloads(False).subquery()  # manual
    d = query.yield_per(100)  # weak: unsafe, left alone
    return a, b, c, d
