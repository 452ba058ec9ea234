from sqlalchemy import Column, Integer, MetaData, Table, create_engine

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
users = Table("users", metadata, Column("id", Integer, primary_key=True))
metadata.create_all()
metadata.drop_all(checkfirst=True)
users.create()


def later(meta: MetaData):
    meta.create_all()
