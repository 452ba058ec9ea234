from sqlalchemy import Column, ForeignKey, Integer, String, delete, func
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
    session.execute(delete(Address).where(Address.user_id == uid).execution_options(synchronize_session=False))
    n = session.execute(delete(Address).where(Address.email.like("%x%")).execution_options(synchronize_session="fetch")).rowcount
    print(session.execute(delete(User).where(User.id > 3)).rowcount)
    session.query(User).order_by(User.id).delete()  # order_by: left alone
    return n
