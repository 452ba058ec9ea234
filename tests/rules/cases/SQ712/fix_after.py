from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", order_by="Address.id")
    parent_id = Column(ForeignKey("users.id"))
    children = relationship("User")


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    email = Column(String)


def by_email(session: Session):
    return (
        session.query(User)
        .join(User.addresses)
        .filter(Address.email.like("%@x.com"))
        .all()
    )


def stmt():
    return select(User).outerjoin(User.addresses).where(Address.id > 1)


def aliased_table(session: Session):
    a1 = Address.__table__.alias()
    return session.query(User).join(a1, User.addresses).filter(a1.c.email == "x").all()


def two_entities(session: Session):
    return session.query(User, Address).join(Address.__table__, User.addresses).all()


def self_referential(session: Session):
    return session.query(User).join(User.__table__, User.children).all()
