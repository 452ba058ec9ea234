from sqlalchemy import and_, or_, select, true
from sqlalchemy.sql import and_ as sql_and


def search(t, conditions):
    a = select(t).where(and_(true(), *conditions))
    b = select(t).where(or_(*conditions))
    c = sql_and(true())
    d = select(t).where(and_(  # keep this comment
        true(), *conditions
    ))
    return a, b, c, d
