from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def fresh(t):
    with engine.connect() as conn:
        with conn.begin():
            conn.execute(t.insert())


def commit_first(t):
    with engine.connect() as conn:
        conn.execute(select(t))
        conn.commit()
        conn.begin()


def session_begin(session):
    session.begin()
