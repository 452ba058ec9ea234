import sqlalchemy as sa
from sqlalchemy import Column, Integer, MetaData, Table, case

t = Table("t", MetaData(), Column("x", Integer))

a = case([(t.c.x == 5, "five"), (t.c.x == 7, "seven")], else_="other")
b = sa.case(whens=[(t.c.x > 1, 1)], else_=0)
c = case(whens={5: "five"}, value=t.c.x)
d = case({5: "five"}, value=t.c.x)
e = case([(t.c.x == n, str(n)) for n in range(3)])
