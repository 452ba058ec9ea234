from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

tag_link = Table("tag_link", Base.metadata, Column("user_id", ForeignKey("user_account.id")), Column("tag_id", ForeignKey("tag.id")))


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", back_populates="user")
    profile = relationship("Profile", uselist=False)
    tags = relationship("Tag", secondary=tag_link, collection_class=set)
    posts = relationship("Post", lazy="dynamic")
    friends = relationship("Stranger")


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
    user = relationship("User", back_populates="addresses")


class Profile(Base):
    __tablename__ = "profile"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"), nullable=False)
    user = relationship("User")


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)


class Post(Base):
    __tablename__ = "post"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
