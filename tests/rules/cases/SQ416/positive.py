from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def savepoint(stmt):
    with engine.connect() as conn:
        t = conn.begin_nested()  # expect: SQ416
        conn.execute(stmt)
        t.commit()


def assigned(stmt):
    conn = engine.connect()
    with conn.begin_nested():  # expect: SQ416
        conn.execute(stmt)
