import enum

from sqlalchemy import Column, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import declarative_base, mapped_column

Base = declarative_base()


class Color(enum.Enum):
    RED = 1


class User(Base):
    __tablename__ = "user_account"
    id = mapped_column(Integer, primary_key=True)
    name = mapped_column("user_name", String(30), nullable=False)
    fullname = mapped_column(String)
    bio = mapped_column(Text, nullable=True)
    price = mapped_column(Numeric(10, 2), server_default="0")
    created = mapped_column(DateTime(timezone=True), nullable=False)
    color = mapped_column(Enum(Color))
    legacy = Column(String(5))
    flag = mapped_column(Integer, nullable=bool(1))


class Address(Base):
    __tablename__ = "address"
    id = mapped_column(Integer, primary_key=True)
    user_id = mapped_column(ForeignKey("user_account.id"))
    owner_id = mapped_column(Integer, ForeignKey("user_account.id"), nullable=False)
