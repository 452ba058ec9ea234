import sqlalchemy as sa
from sqlalchemy import Index, MetaData, Sequence, Table
from sqlalchemy.orm import declarative_base

Base = declarative_base()
metadata = MetaData()
users = Table("users", metadata)
order_seq = Sequence("order_seq", start=1, metadata=metadata)
name_idx = Index("ix_name", users.c.name)
Base.metadata.create_all()  # expect: SQ411


def reset():
    metadata.drop_all()  # expect: SQ411
    metadata.reflect(only=["users"])  # expect: SQ411
    users.create()  # expect: SQ411


def guessed(app_metadata):
    app_metadata.create_all(checkfirst=True)  # expect: SQ411 weak


def reset_sequence():
    order_seq.drop()  # expect: SQ411
    order_seq.create()  # expect: SQ411
    name_idx.create()  # expect: SQ411


def add_visibility_column(meta):
    enum = sa.Enum("private", "public", metadata=meta, name="image_visibility")
    enum.create()  # expect: SQ411
