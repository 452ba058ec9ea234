from sqlalchemy import create_engine, select, text

engine = create_engine("sqlite://")
stmt = text("select 1")
implicit = text("select 2", bind=engine)


def run(users):
    with engine.connect() as conn:
        conn.execute(stmt)
        conn.execute(select(users.c.id))
    return implicit.execute().scalar()
