from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def typed(session: Session, User):
    ids = session.execute(select(User.id, User.name)).tuples().all()  # expect: SQ508
    q = session.query(User.id)
    pairs = q.tuples().all()  # expect: SQ508
    with engine.connect() as conn:
        row = conn.execute(select(User.id)).first()
        x, = row.t  # expect: SQ508
        y = row.tuple()  # expect: SQ508
        z = row._t  # expect: SQ508
    return ids, pairs, x, y, z


def weak(db_session, stmt):
    return db_session.execute(stmt).tuples()  # expect: SQ508 weak


def proved_by_the_statement(db_session, User):
    # Only SQLAlchemy executes a `select()`: the parameter's result is a Result.
    return db_session.execute(select(User.id)).tuples()  # expect: SQ508
