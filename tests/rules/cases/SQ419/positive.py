import sqlalchemy as sa
from sqlalchemy import MetaData, Table, create_engine

engine = create_engine("sqlite://")
users = Table("users", MetaData())
names = engine.table_names()  # expect: SQ419


def check():
    if not engine.has_table("users"):  # expect: SQ419
        return users.exists(bind=engine)  # expect: SQ419
