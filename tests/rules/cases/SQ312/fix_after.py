from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, column_property, declarative_base, relationship

Base = declarative_base()


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = Column(Integer, primary_key=True)
    name: Mapped[Optional[str]] = Column(String(30))
    upper_name: Mapped[str] = column_property(func.upper(name))
    children: Mapped[List["Child"]] = relationship("Child", back_populates="parent")
    kids: "Mapped[List[Child]]" = relationship("Child", viewonly=True)


class Child(Base):
    """A child row."""

    __allow_unmapped__ = True
    __tablename__ = "child"
    id: Mapped[int] = Column(Integer, primary_key=True)
    parent_id: Mapped[Optional[int]] = Column(ForeignKey("parent.id"))
    parent: "Mapped[Parent]" = relationship("Parent", back_populates="children")
    # annotated as a list, but the foreign key makes it many-to-one: 2.0 would follow the list
    owner: List["Parent"] = relationship("Parent", viewonly=True)
