import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, relation  # expect: SQ307

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    addresses = relation("Address", backref="user")  # expect: SQ307
    orders = sa.orm.relation("Order")  # expect: SQ307
