from sqlalchemy import create_engine, select, text

engine = create_engine("sqlite://")


def committed(users):
    with engine.connect() as conn:
        conn.execute(users.insert().values(name="x"))
        conn.commit()


def begun(users):
    with engine.begin() as conn:
        conn.execute(users.insert())


def read(users):
    with engine.connect() as conn:
        return conn.execute(select(users)).all()


def driver_autocommit():
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM"))


def inner_tx(users):
    with engine.connect() as conn:
        with conn.begin():
            conn.execute(users.delete())
