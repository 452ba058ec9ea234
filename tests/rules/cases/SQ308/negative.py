import marshmallow
import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from myproject.widgets import Column as GridColumn

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String))


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name = mapped_column(String(30))


class Imperative(Base):
    __table__ = Table("imp", Base.metadata, Column("id", Integer, primary_key=True))


class Grid:
    first = GridColumn("First name")


class UserSchema(marshmallow.Schema):
    name = marshmallow.fields.String()


class Plain:
    col = sa.Column("x", sa.Integer)  # a plain class holding a Core column is not declarative
