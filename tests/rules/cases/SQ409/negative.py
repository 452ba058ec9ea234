from sqlalchemy import create_engine, text
import psycopg2

engine = create_engine("sqlite://")
auto = engine.execution_options(isolation_level="AUTOCOMMIT")


def driver():
    raw = psycopg2.connect("")
    raw.autocommit = True
