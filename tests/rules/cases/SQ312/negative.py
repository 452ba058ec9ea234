from typing import List, Optional

from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declarative_base, mapped_column, relationship
import sqlalchemy.orm as so


class Base(DeclarativeBase):
    pass


class Foo(Base):
    __tablename__ = "foo"
    id: Mapped[int] = mapped_column(primary_key=True)
    bars: so.Mapped[List["Bar"]] = relationship(back_populates="foo")
    name: "Mapped[Optional[str]]" = mapped_column(String)
    count: int = 0


Legacy = declarative_base()


class Tolerant(Legacy):
    __allow_unmapped__ = True
    __tablename__ = "tolerant"
    id: int = Column(Integer, primary_key=True)


class DataHolder:
    bars: List[int] = relationship("Bar")
