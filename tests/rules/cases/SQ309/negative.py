from typing import Optional

import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[Optional[str]] = mapped_column(String(30))
    __table_args__ = (sa.UniqueConstraint("name"),)


metadata = MetaData()
orders = Table("orders2", metadata, Column("id", Integer, primary_key=True))


class NotMapped:
    helper = sa.Column(sa.Integer)
