import sqlalchemy as sa
from sqlalchemy import Column, Integer
from sqlalchemy.orm import backref, declarative_base, dynamic_loader, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    posts = relationship("Post", lazy="dynamic")  # expect: SQ314
    comments = dynamic_loader("Comment")  # expect: SQ314
    likes = sa.orm.relationship(  # expect: SQ314
        "Like",
        lazy='dynamic',
    )
    tags = relationship("Tag", backref=backref("users", lazy="dynamic"))  # expect: SQ314
