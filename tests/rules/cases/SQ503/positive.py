from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def check(users):
    with engine.connect() as conn:
        row = conn.execute(select(users)).first()
        if "email" in row:  # expect: SQ503
            print(row.email)
        if users.c.name not in row:  # expect: SQ503
            pass


def weak(row):
    return "id" in row  # expect: SQ503 weak
