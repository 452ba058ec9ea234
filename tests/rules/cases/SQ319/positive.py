import sqlalchemy as sa
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Timestamps:
    created = Column(Integer)
    updated = sa.Column(Integer)


class P(Timestamps, Base):  # expect: SQ319
    __tablename__ = "p"
    id = Column(Integer, primary_key=True)
    name = Column(String)
