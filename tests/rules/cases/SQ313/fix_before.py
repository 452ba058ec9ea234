from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import backref, declarative_base, relationship

Base = declarative_base()

tag_link = Table("tag_link", Base.metadata, Column("user_id", ForeignKey("user_account.id")), Column("tag_id", ForeignKey("tag.id")))


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", backref=backref("user", lazy="joined"))
    orders = relationship("Order", backref="customer")
    tags = relationship("Tag", secondary=tag_link, backref="users")


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"), nullable=False)

    def __repr__(self):
        return f"<Address {self.id}>"


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)


class Comment(Base):
    __tablename__ = "comment"
    id = Column(Integer, primary_key=True)
    author_id = Column(ForeignKey("user_account.id"), nullable=False)
    author = relationship(User, backref="comments")
