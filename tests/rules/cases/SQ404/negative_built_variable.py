"""Executed variables that are not strings: numbers, wrapped `text()`, another client."""

import sqlalchemy as sa


def run(url, database, job_runner, count):
    engine = sa.create_engine(url)
    text = sa.text("CREATE DATABASE {}".format(database))
    with engine.begin() as connection:
        connection.execute(text)
    total = count % 7
    job = "job-{}".format(total)
    job_runner.execute(job)
    with engine.begin() as connection:
        connection.execute(sa.text("SELECT :n"), {"n": total})
