from sqlalchemy import Column, Integer, MetaData, Table, and_, bindparam

users = Table("users", MetaData(), Column("id", Integer))
crit = (users.c.id == bindparam("n")).params(n=5)  # expect: SQ626
both = and_(users.c.id > bindparam("a")).params(a=1)  # expect: SQ626
