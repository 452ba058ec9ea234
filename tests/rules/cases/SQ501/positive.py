import sqlalchemy as sa
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
users = sa.Table("users", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("name", sa.String))


def loop():
    with engine.connect() as conn:
        for row in conn.execute(select(users)):
            print(row["name"], row[users.c.id])  # expect: SQ501
            print(row[0], row[1:], row._mapping["name"])


def first_row():
    with engine.connect() as conn:
        row = conn.execute(text("SELECT 1 AS x")).first()
        return row["x"]  # expect: SQ501


def fetched():
    with engine.connect() as conn:
        rows = conn.execute(select(users)).fetchall()
        return [r["name"] for r in rows]  # expect: SQ501


def variable_key(key):
    with engine.connect() as conn:
        for row in conn.execute(select(users)):
            print(row[key])  # expect: SQ501 weak


async def in_async(session: Session):
    result = await session.execute(select(users))
    for record in result:
        print(record["id"])  # expect: SQ501


def by_name(row):
    return row["name"]  # expect: SQ501 weak


def multi_line():
    with engine.connect() as conn:
        for row in conn.execute(select(users)):
            print(
                row[  # expect: SQ501
                    "name"
                ]
            )
