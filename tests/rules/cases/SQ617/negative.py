import os

from sqlalchemy import exists

e = exists(t.c.x).where(t.c.x > 5)
f = exists().where(t.c.x > 5)
g = os.path.exists(["x"][0])
