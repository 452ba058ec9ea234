import sqlalchemy as sa
from sqlalchemy import and_, or_, select
from sqlalchemy.sql import and_ as sql_and

a = select(t).where(and_(*conditions))  # expect: SQ607
b = select(t).where(or_(*conditions))  # expect: SQ607
c = sa.and_()  # expect: SQ607
d = sql_and(*[])  # expect: SQ607


async def search(filters):
    return select(t).where(sa.or_(  # expect: SQ607
        *filters
    ))
