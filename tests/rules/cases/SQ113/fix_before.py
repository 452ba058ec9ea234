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
    n = session.query(User).filter(User.name == "foo").update(
        {"name": "Foo Bar"}, synchronize_session="evaluate")
    session.query(User).filter_by(id=1).update({User.name: "x"}, synchronize_session=False)
    m = session.query(User).update(values={"name": "y"})
    session.query(User).filter(User.id == 2).update({"name": "z"}, update_args={"mysql_limit": 1})
    session.query(User.name).update({"name": "q"})  # a column query: left alone
    return n, m
