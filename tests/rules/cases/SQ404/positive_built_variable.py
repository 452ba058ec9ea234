"""SQL built into a variable first, then executed (database-creation helpers): the finding
spans from the assignment, where `text()` goes, to the call."""

import sqlalchemy as sa


def create_database(url, database, encoding):
    engine = sa.create_engine(url)
    text = "CREATE DATABASE {} ENCODING '{}'".format(database, encoding)  # expect: SQ404
    with engine.begin() as connection:
        connection.execute(text)
    sql = "DROP DATABASE %s" % database  # expect: SQ404
    with engine.begin() as connection:
        connection.execute(sql)
    stmt = "SELECT 1 FROM " + database  # expect: SQ404
    with engine.connect() as conn:
        conn.execute(stmt)
    joined = "; ".join(["SELECT 1", "SELECT 2"])  # expect: SQ404
    with engine.connect() as conn:
        conn.execute(joined)
