from sqlalchemy import Column, Integer, MetaData, Numeric, Table, create_engine, func, select
from sqlalchemy.orm import declarative_base

engine = create_engine("postgresql://app@db/app")
Base = declarative_base()
t = Table("t", MetaData(), Column("count", Integer), Column("size", Integer), Column("price", Numeric))


class Item(Base):
    __tablename__ = "item"
    id = Column(Integer, primary_key=True)
    total = Column(Integer)


per_page = t.c.count / 10
avg = select(Item.total / Item.id)
money = t.c.price / 2
ratio = select(func.sum(t.c.size) / func.count(t.c.size))
