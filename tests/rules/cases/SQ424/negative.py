import os
import psycopg2
from sqlalchemy import create_engine

engine = create_engine("postgresql+psycopg2://u:p@h/db")
e2 = create_engine(os.environ["DATABASE_URL"])
e3 = create_engine("sqlite:///x.db")
raw = psycopg2.connect("postgresql://u:p@h/db")
