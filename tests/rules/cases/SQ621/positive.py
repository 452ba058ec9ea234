from sqlalchemy.sql.expression import subquery
import sqlalchemy as sa

sq = subquery("x", [users.c.id], users.c.id > 5)  # expect: SQ621
sq2 = sa.subquery("y", [users.c.id])  # expect: SQ621
