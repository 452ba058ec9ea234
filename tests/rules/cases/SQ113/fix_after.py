from sqlalchemy import Column, ForeignKey, Integer, String, func, update
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
    n = session.execute(update(User).where(User.name == "foo").values({"name": "Foo Bar"}).execution_options(synchronize_session="evaluate")).rowcount
    session.execute(update(User).filter_by(id=1).values({User.name: "x"}).execution_options(synchronize_session=False))
    m = session.execute(update(User).values({"name": "y"})).rowcount
    session.query(User).filter(User.id == 2).update({"name": "z"}, update_args={"mysql_limit": 1})
    session.query(User.name).update({"name": "q"})  # a column query: left alone
    return n, m
