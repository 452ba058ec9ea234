import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()
tag_link = Table("tag_link", Base.metadata)


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", back_populates="user")  # expect: SQ311
    tags = relationship("Tag", secondary=tag_link, collection_class=set)  # expect: SQ311
    profile = relationship("Profile", uselist=False)  # expect: SQ311
    posts = sa.orm.relationship("Post", lazy="dynamic")  # expect: SQ311


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
    owner_id = Column(Integer, ForeignKey("user_account.id"), nullable=False)
    user = relationship("User", back_populates="addresses", foreign_keys=[user_id])  # expect: SQ311
    other = relationship(  # expect: SQ311
        "Elsewhere",
    )


class Auto(Base):
    id = Column(Integer, primary_key=True)
    group_id = Column(Integer, ForeignKey("model1.id"), nullable=False)
    group = relationship("Model1")  # expect: SQ311
    first_id = Column(Integer, ForeignKey("model1.id"))
    first = relationship("Model1", foreign_keys=[first_id])  # expect: SQ311
