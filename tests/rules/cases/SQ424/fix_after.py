import os

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

pg = create_engine("postgresql+psycopg2://u:p@h/db")
ora = make_url('oracle+cx_oracle://scott:tiger@h/orcl')
built = URL.create("postgresql+psycopg2", username="u", host="h")
bad = create_engine("postgres://u@h/db")
dynamic = create_engine(f"postgresql://{os.environ['HOST']}/db")
