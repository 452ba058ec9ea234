from typing import List, Optional

import sqlalchemy as sa
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import column_property, declarative_base, relationship

Base = declarative_base()


class Foo(Base):
    __tablename__ = "foo"
    id: int = Column(Integer, primary_key=True)  # expect: SQ312
    name: Optional[str] = sa.Column(String)  # expect: SQ312
    bars: List["Bar"] = relationship("Bar", back_populates="foo")  # expect: SQ312
    upper: str = column_property(sa.func.upper(name))  # expect: SQ312
    quoted: "Bar" = relationship(  # expect: SQ312
        "Bar",
    )
