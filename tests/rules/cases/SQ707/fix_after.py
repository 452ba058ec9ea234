from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship, with_parent

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

def addresses_of(user: User):
    return session.query(Address).filter(with_parent(user, User.addresses)).all()


def orders_of(user_id):
    u = session.get(User, user_id)
    return session.query(Order).with_parent(u, User.orders).all()


def unknown(thing):
    return session.query(Address).filter(with_parent(thing, "addresses")).all()
