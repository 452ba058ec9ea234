import enum

from sqlalchemy import Column, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, declarative_base, mapped_column
import datetime
from decimal import Decimal
from typing import Optional

Base = declarative_base()


class Color(enum.Enum):
    RED = 1


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column("user_name", String(30), nullable=False)
    fullname: Mapped[Optional[str]] = mapped_column(String)
    bio: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    price: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2), server_default="0")
    created: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    color: Mapped[Optional[Color]] = mapped_column(Enum(Color))
    legacy: Mapped[Optional[str]] = Column(String(5))
    flag = mapped_column(Integer, nullable=bool(1))


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    owner_id: Mapped[int] = mapped_column(Integer, ForeignKey("user_account.id"), nullable=False)
