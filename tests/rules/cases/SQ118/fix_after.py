from sqlalchemy import LABEL_STYLE_TABLENAME_PLUS_COL, Column, ForeignKey, Integer, String, func, select
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
    sq = select(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()
    stmt = select(User).where(User.id > 5)
    c = select(User.id).cte("ids")
    s = select(func.max(User.id)).scalar_subquery()
    a = select(func.max(User.id)).scalar_subquery()
    lab = select(func.max(User.id)).label("m")
    w = select(User).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL).subquery("u")
    r = select(User).filter_by(name="x").reduce_columns().subquery()
    p = session.query(User).params(x=1).statement  # no select() link for params(): left alone
    return sq, stmt, c, s, a, lab, w, r, p
