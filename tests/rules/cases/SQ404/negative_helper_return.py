# Helpers that return statements (or generators of strings) are not raw SQL strings.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def run(table):
    with engine.connect() as conn:
        conn.execute(count_stmt(table))
        for line in lines():
            print(line)


def count_stmt(table):
    return text("SELECT count(*) FROM %s" % table)


def lines():
    yield "a"
