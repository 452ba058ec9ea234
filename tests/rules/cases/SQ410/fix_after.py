from sqlalchemy import Column, Integer, MetaData, Table, create_engine

engine = create_engine("sqlite://")
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True))
metadata.create_all(engine)

other = MetaData(engine)
other.create_all()
