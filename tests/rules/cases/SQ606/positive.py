import sqlalchemy as sa
from sqlalchemy import case
from sqlalchemy.sql.expression import case as sql_case

a = case([(t.c.x == 5, "five"), (t.c.x == 7, "seven")], else_="other")  # expect: SQ606
b = sa.case(whens=[(t.c.x == 5, "five")])  # expect: SQ606
c = sql_case(  # expect: SQ606
    [(t.c.x == 1, "one")],
    else_="other",
)
d = case(whens={5: "five"}, value=t.c.x)  # expect: SQ606


def build(pairs):
    whens = [(t.c.x == p, str(p)) for p in pairs]
    return case(whens, else_="x")  # expect: SQ606 weak
