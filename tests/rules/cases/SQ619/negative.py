from sqlalchemy import Column, Integer, MetaData, Table, select

m = MetaData()
users = Table("users", m, Column("id", Integer))
ua = users.alias()
sq = select(users).subquery().alias()
name = ",".join(["a"]).alias()
