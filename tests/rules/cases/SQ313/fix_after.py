from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import Mapped, declarative_base, relationship
from typing import List, Optional

Base = declarative_base()

tag_link = Table("tag_link", Base.metadata, Column("user_id", ForeignKey("user_account.id")), Column("tag_id", ForeignKey("tag.id")))


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", back_populates="user")
    orders = relationship("Order", back_populates="customer")
    tags = relationship("Tag", secondary=tag_link, back_populates="users")

    comments: Mapped[List["Comment"]] = relationship("Comment", back_populates="author")


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"), nullable=False)

    user: Mapped["User"] = relationship("User", back_populates="addresses", lazy="joined")

    def __repr__(self):
        return f"<Address {self.id}>"


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))

    customer: Mapped[Optional["User"]] = relationship("User", back_populates="orders")


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)

    users: Mapped[List["User"]] = relationship("User", back_populates="tags", secondary=tag_link)


class Comment(Base):
    __tablename__ = "comment"
    id = Column(Integer, primary_key=True)
    author_id = Column(ForeignKey("user_account.id"), nullable=False)
    author = relationship(User, back_populates="comments")
