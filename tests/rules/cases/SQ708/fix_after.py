from sqlalchemy.orm import aliased, contains_eager
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    addresses = relationship("Address", back_populates="user")
    orders = relationship("Order")


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses")


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    items = relationship("Item")


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    order_id = Column(ForeignKey("orders.id"))


session = Session(create_engine("sqlite://"))

aa = aliased(Address)
a = session.query(User).join(aa, User.addresses).options(contains_eager(User.addresses.of_type(aa))).all()
b = session.query(User).options(contains_eager(User.addresses.of_type(aliased(Address)))).all()
c = session.query(User).options(contains_eager(User.addresses, alias="a1")).all()
