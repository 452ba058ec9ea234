from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, relation

Base = declarative_base()


class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    addresses = relation("Address")


class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user_account.id"))
