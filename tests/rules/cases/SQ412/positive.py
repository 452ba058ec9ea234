import sqlalchemy as sa
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import declarative_base

metadata = MetaData()
t = Table("t", metadata, autoload=True)  # expect: SQ412
t2 = sa.Table(
    "t2",
    metadata,
    autoload=True,  # expect: SQ412
    autoload_with=engine,
)
Base = declarative_base()


class Reflected(Base):
    __table_args__ = {"autoload": True}  # expect: SQ412
