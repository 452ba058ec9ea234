from sqlalchemy import MetaData, Table, create_engine

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
other = MetaData()

users = Table("users", metadata, autoload_with=engine)
orders = Table("orders", other, autoload_with=engine)
items = Table("items", other, autoload=True)
