from sqlalchemy import and_, or_, select
from sqlalchemy.sql import and_ as sql_and


def search(t, conditions):
    a = select(t).where(and_(*conditions))
    b = select(t).where(or_(*conditions))
    c = sql_and()
    d = select(t).where(and_(  # keep this comment
        *conditions
    ))
    return a, b, c, d
