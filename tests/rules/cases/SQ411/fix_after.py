from sqlalchemy import Column, Integer, MetaData, Table, create_engine

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
users = Table("users", metadata, Column("id", Integer, primary_key=True))
metadata.create_all(engine)
metadata.drop_all(engine, checkfirst=True)
users.create(engine)


def later(meta: MetaData):
    meta.create_all()
