import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

engine = sa.create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine, autocommit=False)
Plain = sessionmaker(bind=engine)
conn_opts = engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def psycopg(conn):
    conn.autocommit = True


def other_lib(factory):
    return factory(autocommit=True)
