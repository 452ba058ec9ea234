from sqlalchemy import Column, Integer
from sqlalchemy.orm import DeclarativeBase, DynamicMapped, WriteOnlyMapped, relationship

from myproject.loading import load


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    posts: WriteOnlyMapped["Post"] = relationship("Post", lazy="write_only")
    drafts: DynamicMapped["Draft"] = relationship("Draft", lazy="selectin")


data = load("x", lazy="dynamic")
