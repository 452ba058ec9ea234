from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
import psycopg2

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(autoflush=False, bind=engine)
Legacy = sessionmaker(autocommit=True)
raw = psycopg2.connect("dbname=x", autocommit=False)
