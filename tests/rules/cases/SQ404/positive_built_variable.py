"""SQL built into a variable first, then executed (database-creation helpers)."""

import sqlalchemy as sa


def create_database(url, database, encoding):
    engine = sa.create_engine(url)
    text = "CREATE DATABASE {} ENCODING '{}'".format(database, encoding)
    with engine.begin() as connection:
        connection.execute(text)  # expect: SQ404
    sql = "DROP DATABASE %s" % database
    with engine.begin() as connection:
        connection.execute(sql)  # expect: SQ404
    stmt = "SELECT 1 FROM " + database
    with engine.connect() as conn:
        conn.execute(stmt)  # expect: SQ404
    joined = "; ".join(["SELECT 1", "SELECT 2"])
    with engine.connect() as conn:
        conn.execute(joined)  # expect: SQ404
