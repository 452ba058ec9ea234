import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, func, select
from sqlalchemy.orm import declarative_base

from app import models

Base = declarative_base()
t = Table("t", MetaData(), Column("count", Integer), Column("size", Integer))


class Item(Base):
    __tablename__ = "item"
    id = Column(Integer, primary_key=True)
    total = Column(Integer)


per_page = t.c.count / 10  # expect: SQ624
ratio = select(func.sum(t.c.size) / func.count(t.c.size))  # expect: SQ624
avg = Item.total / Item.id  # expect: SQ624
weak = models.Order.amount / 100  # expect: SQ624 weak


async def pages(session):
    stmt = select((Item.total + 1) / sa.func.count())  # expect: SQ624
    return await session.execute(stmt)
