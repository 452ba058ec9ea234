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



def run(session: Session, uid):
    session.query(Address).filter(Address.user_id == uid).delete(synchronize_session=False)
    n = session.query(Address).filter(Address.email.like("%x%")).delete("fetch")
    print(session.query(User).filter(User.id > 3).delete())
    session.query(User).order_by(User.id).delete()  # order_by: left alone
    return n
