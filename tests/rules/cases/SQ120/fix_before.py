from sqlalchemy import text, Column, ForeignKey, Integer, String, func
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
    t = text("select * from users")
    a = session.query(User).from_statement(t).all()
    b = session.query(User).from_statement(text("select * from users where id = 1")).first()
    c = session.query(User.id, User.name).from_statement(t).all()
    d = session.query(User).from_statement(t).scalar()
    q = session.query(User).from_statement(t)  # not executed here: left alone
    return a, b, c, d, q
