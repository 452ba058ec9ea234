from sqlalchemy import Column, ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload

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


def run(session: Session, s2):
    a = session.scalars(select(User).where(User.name == "ed").order_by(User.id)).all()
    b = session.scalars(select(User).join(User.addresses)).unique().all()
    c = session.execute(select(User.name)).all()
    d = session.execute(select(User, Address).where(User.id == Address.user_id)).unique().all()
    e = session.scalars(select(User).options(joinedload(User.addresses))).unique().all()
    f = session.scalars(select(User).options(selectinload(User.addresses)).limit(2).offset(1)).all()
    g = (
        session.scalars(select(User)
        .where(User.id > 1))  # keep me
        .all()
    )
    h = session.query(User).join("addresses").all()  # string join: left alone
    i = s2.query(User).filter_by(name="x").all()  # weak receiver: unsafe, left alone
    j = session.query(User).join(User.addresses).filter_by(email="x").all()  # SQ110: left alone
    return a, b, c, d, e, f, g, h, i, j
