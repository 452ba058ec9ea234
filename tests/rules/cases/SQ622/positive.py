from sqlalchemy import Column, Integer, MetaData, Table, UniqueConstraint

m = MetaData()
users = Table("users", m, Column("id", Integer))
users2 = users.tometadata(MetaData())  # expect: SQ622
col = users.c.id.copy()  # expect: SQ622
created_at = Column(Integer)
other = created_at.copy()  # expect: SQ622
uq = UniqueConstraint("id").copy()  # expect: SQ622
