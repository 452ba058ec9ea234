from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy import orm
from sqlalchemy.orm import mapper, relationship

metadata = MetaData()
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50)),
)
addresses = Table(
    "addresses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id")),
    Column("email", String(100)),
)
orders = Table("orders", metadata, Column("id", Integer, primary_key=True), Column("user_id", ForeignKey("users.id")))


class User:
    pass


class Address:
    pass


class Order:
    pass


mapper(Address, addresses)
mapper(User, users, properties={"addresses": relationship(Address, backref="user", order_by=addresses.c.email)})
order_mapper = orm.mapper(
    Order,
    orders,
    properties={"user": relationship(User)},
)
