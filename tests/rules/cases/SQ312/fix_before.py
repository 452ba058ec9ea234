from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, String, func
from sqlalchemy.orm import column_property, declarative_base, relationship

Base = declarative_base()


class Parent(Base):
    __tablename__ = "parent"
    id: int = Column(Integer, primary_key=True)
    name: Optional[str] = Column(String(30))
    upper_name: str = column_property(func.upper(name))
    children: List["Child"] = relationship("Child", back_populates="parent")
    kids: "List[Child]" = relationship("Child", viewonly=True)


class Child(Base):
    """A child row."""

    __tablename__ = "child"
    id: int = Column(Integer, primary_key=True)
    parent_id: Optional[int] = Column(ForeignKey("parent.id"))
    parent: "Parent" = relationship("Parent", back_populates="children")
    # annotated as a list, but the foreign key makes it many-to-one: 2.0 would follow the list
    owner: List["Parent"] = relationship("Parent", viewonly=True)
