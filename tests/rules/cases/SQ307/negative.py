from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base, relationship

from myproject.graph import relation

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    addresses = relationship("Address", back_populates="user")


edge = relation("a", "b")
relation_count = 3
