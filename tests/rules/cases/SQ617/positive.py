import sqlalchemy as sa
from sqlalchemy import exists

e = exists([t.c.x]).where(t.c.x > 5)  # expect: SQ617
f = sa.exists([t.c.x])  # expect: SQ617
