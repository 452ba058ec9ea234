from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import DynamicMapped, Mapped, declarative_base, relationship
from typing import List, Optional, Set

Base = declarative_base()

tag_link = Table("tag_link", Base.metadata, Column("user_id", ForeignKey("user_account.id")), Column("tag_id", ForeignKey("tag.id")))


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses: Mapped[List["Address"]] = relationship("Address", back_populates="user")
    profile: Mapped[Optional["Profile"]] = relationship("Profile", uselist=False)
    tags: Mapped[Set["Tag"]] = relationship("Tag", secondary=tag_link, collection_class=set)
    posts: DynamicMapped["Post"] = relationship("Post", lazy="dynamic")
    friends = relationship("Stranger")


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
    user: Mapped[Optional["User"]] = relationship("User", back_populates="addresses")


class Profile(Base):
    __tablename__ = "profile"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"), nullable=False)
    user: Mapped["User"] = relationship("User")


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)


class Post(Base):
    __tablename__ = "post"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
