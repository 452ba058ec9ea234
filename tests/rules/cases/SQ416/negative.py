from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def proper(stmt):
    with engine.connect() as conn:
        with conn.begin():
            with conn.begin_nested():
                conn.execute(stmt)


def begun(stmt):
    with engine.begin() as conn:
        conn.begin_nested()


def orm(session):
    session.begin_nested()
