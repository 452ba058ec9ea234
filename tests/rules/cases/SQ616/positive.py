import sqlalchemy as sa
from sqlalchemy import union

u = union(s1, s2, order_by="id", limit=10)  # expect: SQ616
v = sa.union_all(  # expect: SQ616
    s1,
    s2,
    offset=5,
)
