import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, delete, update

users = Table("users", MetaData(), Column("id", Integer))

a = update(users, mysql_limit=10).values(id=1)  # expect: SQ620
b = sa.delete(users, mysql_limit=1)  # expect: SQ620
c = users.update(mariadb_limit=5)  # expect: SQ620
