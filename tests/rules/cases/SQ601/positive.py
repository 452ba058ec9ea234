import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy import select as sel
from sqlalchemy.sql.expression import select as expr_select

a = select([users.c.id, users.c.name])  # expect: SQ601
b = sa.select([users])  # expect: SQ601
c = sel((users.c.id,))  # expect: SQ601
d = expr_select([users.c.id])  # expect: SQ601
e = select(columns=[users.c.id])  # expect: SQ601


def f():
    cols = [users.c.id, users.c.name]
    return select(cols)  # expect: SQ601


class Repo:
    query = select(  # expect: SQ601
        [users.c.id],
    )


async def g(conn):
    return await conn.execute(select([users.c.id]))  # expect: SQ601


# A module-level alias stands for SQLAlchemy's `select`, like an import (CKAN's actions).
_select = sa.sql.select


def package_ids(col):
    return _select([col])  # expect: SQ601
