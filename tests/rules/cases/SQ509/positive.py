import sqlalchemy as sa
from sqlalchemy import create_engine, insert, text

engine = create_engine("sqlite://")
users = sa.Table("users", sa.MetaData(), sa.Column("id", sa.Integer))


def after_insert():
    with engine.begin() as conn:
        result = conn.execute(users.insert().values(id=1))
        print(result.keys())  # expect: SQ509
        print(conn.execute(insert(users).values(id=2)).keys())  # expect: SQ509
        print(conn.execute(text("DELETE FROM users")).keys())  # expect: SQ509


def weak(conn):
    return conn.execute(sa.update(users).values(id=3)).keys()  # expect: SQ509 weak
