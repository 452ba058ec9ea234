from sqlalchemy import select, text, Column, ForeignKey, Integer, String, func
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
    a = session.scalars(select(User).from_statement(t)).unique().all()
    b = session.scalars(select(User).from_statement(text("select * from users where id = 1"))).unique().first()
    c = session.execute(select(User.id, User.name).from_statement(t)).all()
    d = session.scalars(select(User).from_statement(t)).unique().one_or_none()
    q = session.query(User).from_statement(t)  # not executed here: left alone
    return a, b, c, d, q
