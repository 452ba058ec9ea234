import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # expect: SQ310
    note: Mapped[Optional[str]] = mapped_column(Text, nullable=True)  # expect: SQ310
    name: Mapped[str] = mapped_column(String(30), nullable=False)  # expect: SQ310
    title: Mapped[str] = mapped_column(sa.String())  # expect: SQ310
    seen: Mapped[datetime.datetime | None] = mapped_column(  # expect: SQ310
        sa.DateTime,
        nullable=True,
    )
