from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects.mysql import ENUM

t = Table(
    "t",
    MetaData(),
    Column("id", Integer),
    Column("kind", ENUM("a", "b", quoting="quoted")),
    Column("flags", mysql.SET("x", "y", quoting="auto", retrieve_as_bitwise=True)),
)
