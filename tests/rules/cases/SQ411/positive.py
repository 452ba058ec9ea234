import sqlalchemy as sa
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import declarative_base

Base = declarative_base()
metadata = MetaData()
users = Table("users", metadata)
Base.metadata.create_all()  # expect: SQ411


def reset():
    metadata.drop_all()  # expect: SQ411
    metadata.reflect(only=["users"])  # expect: SQ411
    users.create()  # expect: SQ411


def guessed(app_metadata):
    app_metadata.create_all(checkfirst=True)  # expect: SQ411 weak
