import enum

import sqlalchemy as sa
from sqlalchemy import Column, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import DeclarativeBase, mapped_column


class Base(DeclarativeBase):
    pass


class Status(enum.Enum):
    ok = 1


class Order(Base):
    __tablename__ = "orders"
    id = mapped_column(Integer, primary_key=True)  # expect: SQ309
    name = mapped_column(String(30), nullable=False)  # expect: SQ309
    fullname = mapped_column(String)  # expect: SQ309
    user_id = mapped_column(ForeignKey("user_account.id"))  # expect: SQ309
    price = mapped_column(Numeric(10, 2), server_default="0")  # expect: SQ309
    status = Column(Enum(Status), nullable=False)  # expect: SQ309
    created = sa.Column(sa.DateTime(timezone=True))  # expect: SQ309
    flag = mapped_column(sa.Boolean, nullable=compute_nullable())  # expect: SQ309
