import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import backref, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", backref=backref("user", lazy="joined"))  # expect: SQ313
    orders = sa.orm.relationship("Order", backref="customer")  # expect: SQ313
    notes = relationship(  # expect: SQ313
        "Note",
        backref=make_backref(),
    )


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user.id"))
