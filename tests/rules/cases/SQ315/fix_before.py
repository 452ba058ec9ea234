from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import backref, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", backref="user", cascade_backrefs=False)
    orders = relationship(
        "Order",
        cascade_backrefs=False,
        order_by="Order.id",
    )
    notes = relationship(
        "Note",
        backref=backref("user", cascade_backrefs=False),
        cascade_backrefs=False,
    )


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))


class Note(Base):
    __tablename__ = "notes"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
