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



def run(session: Session, n):
    out = []
    for u in session.scalars(select(User).where(User.name != "x")):
        out.append(u)
    names = [r.name for r in session.execute(select(User.name).order_by(User.id))]
    joined = list(session.scalars(select(User).join(User.addresses)).unique())
    first_three = session.scalars(select(User).order_by(User.id).slice(0, 3)).all()
    rest = session.scalars(select(User).order_by(User.id).offset(2)).all()
    second = session.scalars(select(User).order_by(User.id).slice(1, 2)).all()[0]
    some = session.query(User).order_by(User.id)[:n]
    last = session.query(User).order_by(User.id)[-1]  # negative: manual
    return out, names, joined, first_three, rest, second, some, last
