import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy import BigInteger, Integer, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    note: Mapped[Optional[str]] = mapped_column(Text)
    price: Mapped[float] = mapped_column(Numeric(10, 2))
    seen: Mapped[datetime.datetime] = mapped_column(sa.DateTime(timezone=True))
    count: Mapped[str] = mapped_column(Integer)
    kept: Mapped[str] = mapped_column(String(20), nullable=True)
    legacy = mapped_column(Integer)
