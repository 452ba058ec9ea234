import sqlalchemy as sa
from sqlalchemy import create_engine, insert, select, text

engine = create_engine("sqlite://")
users = sa.Table("users", sa.MetaData(), sa.Column("id", sa.Integer))


def fine():
    with engine.begin() as conn:
        print(conn.execute(select(users)).keys())
        print(conn.execute(insert(users).values(id=1).returning(users.c.id)).keys())
        print(conn.execute(text("SELECT * FROM users")).keys())
        result = conn.execute(users.insert().values(id=1))
        print(result.keys() if result.returns_rows else [])
    settings = {"a": 1}
    return settings.keys()
