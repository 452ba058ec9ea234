# SQL text built by a helper of this module and passed straight to `execute()`.
from string import Template

from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def install_trigger(table):
    with engine.connect() as conn:
        conn.execute(trigger_sql(table))  # expect: SQ404
        conn.execute(count_sql(table))  # expect: SQ404


def trigger_sql(table):
    template = Template("CREATE TRIGGER t AFTER INSERT ON $table BEGIN SELECT 1; END")
    return template.substitute(table=table)


def count_sql(table):
    return "SELECT count(*) FROM %s" % table
