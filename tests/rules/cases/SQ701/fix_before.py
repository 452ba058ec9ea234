from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Load, Session, declarative_base, joinedload, load_only, relationship, selectinload

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
a = session.query(User).options(joinedload("addresses")).all()
b = session.query(User).options(load_only("name", "id")).all()
c = session.query(User).options(joinedload(User.orders).selectinload("items")).all()
d = session.query(Order).options(Load(Order).selectinload("items")).all()
e = session.query(User, Address).options(joinedload("addresses")).all()
