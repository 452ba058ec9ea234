import os
import sqlalchemy as sa
from sqlalchemy import create_engine
from sqlalchemy.engine import URL

DATABASE_URL = "postgresql://u:p@h/db"
engine = create_engine("postgresql://u:p@h/db")  # expect: SQ424
e2 = sa.create_engine(DATABASE_URL)  # expect: SQ424
e3 = create_engine(f"oracle://u:p@{os.environ['HOST']}/db")  # expect: SQ424
e4 = create_engine("postgres://u:p@h/db")  # expect: SQ424
url = URL.create("postgresql", username="u")  # expect: SQ424
