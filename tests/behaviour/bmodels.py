"""Models and seed data shared by the legacy (1.4) and fixed (2.x) runs; valid on both."""

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    age = Column(Integer)
    addresses = relationship("Address", back_populates="user", order_by="Address.id")
    orders = relationship("Order", order_by="Order.id")


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    email = Column(String(100))
    user = relationship("User", back_populates="addresses")


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    total = Column(Integer)


users = User.__table__
addresses = Address.__table__
orders = Order.__table__


def seed(engine):
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all(
            [
                User(id=1, name="ed", age=30, addresses=[Address(id=1, email="ed@x.com"), Address(id=2, email="ed@y.org")]),
                User(id=2, name="wendy", age=25, addresses=[Address(id=3, email="wendy@x.com")]),
                User(id=3, name="mary", age=30),
                User(id=4, name="fred", age=41, addresses=[
                    Address(id=4, email="fred@x.com"), Address(id=5, email="fred2@x.com"), Address(id=6, email="f@z.net"),
                ]),
                Order(id=1, user_id=1, total=10),
                Order(id=2, user_id=1, total=5),
                Order(id=3, user_id=4, total=7),
            ]
        )
        s.commit()
