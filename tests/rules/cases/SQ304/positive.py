from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy import orm
from sqlalchemy.orm import mapper, relationship

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String))


class User:
    pass


class Address:
    pass


mapper(User, users, properties={"addresses": relationship(Address)})  # expect: SQ304
user_mapper = orm.mapper(  # expect: SQ304
    Address,
    users,
)
project_mapper = orm.mapper  # expect: SQ304
