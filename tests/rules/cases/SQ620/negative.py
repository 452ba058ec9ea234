from sqlalchemy import Column, Integer, MetaData, Table, update

users = Table("users", MetaData(), Column("id", Integer), mysql_engine="InnoDB")

a = update(users).with_dialect_options(mysql_limit=10).values(id=1)
b = {"mysql_limit": 3}
b.update(mysql_limit=4)
