import sqlalchemy as sa
from sqlalchemy import DDL, func, select, text

stmt = text("select 1", bind=engine)  # expect: SQ421
ddl = DDL(
    "CREATE INDEX ix ON t (x)",
    bind=engine,  # expect: SQ421
)


def q(users):
    s = select(users.c.id, bind=engine)  # expect: SQ421
    n = func.count(users.c.id, bind=engine)  # expect: SQ421
    return s.bind  # expect: SQ421
