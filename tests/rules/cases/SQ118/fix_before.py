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



def run(session: Session, q):
    sq = session.query(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()
    stmt = session.query(User).filter(User.id > 5).statement
    c = session.query(User.id).cte("ids")
    s = session.query(func.max(User.id)).scalar_subquery()
    a = session.query(func.max(User.id)).as_scalar()
    lab = session.query(func.max(User.id)).label("m")
    w = session.query(User).subquery("u", with_labels=True)
    r = session.query(User).filter_by(name="x").subquery(reduce_columns=True)
    p = session.query(User).params(x=1).statement  # no select() link for params(): left alone
    return sq, stmt, c, s, a, lab, w, r, p
