from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects.mysql import ENUM

t = Table(
    "t",
    MetaData(),
    Column("id", Integer),
    Column("kind", ENUM("a", "b")),
    Column("flags", mysql.SET("x", "y", retrieve_as_bitwise=True)),
)
