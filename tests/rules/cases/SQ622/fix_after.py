from sqlalchemy import Column, Integer, MetaData, String, Table
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer), Column("name", String))
addresses = Table("addresses", metadata, Column("id", Integer), Column("user_id", Integer))

other = MetaData()
users2 = users.to_metadata(other)
addresses2 = addresses.to_metadata(other, schema="archive")
