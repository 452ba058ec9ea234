import json

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def dump(users):
    with engine.connect() as conn:
        data = [dict(r) for r in conn.execute(select(users))]  # expect: SQ504
        row = conn.execute(select(users)).first()
        merged = {**row, "extra": 1}  # expect: SQ504
        return data, merged, json.dumps(dict(row))  # expect: SQ504


def orm(session: Session, users):
    for row in session.execute(select(users)):
        yield dict(  # expect: SQ504
            row
        )


def weak(record):
    return dict(record)  # expect: SQ504 weak


def objects(conn, Provider):
    return [Provider(conn, **rp) for rp in conn.execute(select(users)).fetchall()]  # expect: SQ504


def rebound():
    # The comprehension reads the `results` its own assignment replaces: the fetched rows.
    conn = engine.connect()
    results = conn.execute(select(users)).fetchall()
    results = [dict(r) for r in results]  # expect: SQ504
    return results


def datasets(session: Session):
    # airflow's next_run_datasets: a Query of columns iterated in place gives Rows.
    return [dict(info) for info in session.query(User.id, User.name).filter(User.id > 0)]  # expect: SQ504
