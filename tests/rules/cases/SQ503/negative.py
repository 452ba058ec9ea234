from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def check(users, value):
    with engine.connect() as conn:
        row = conn.execute(select(users)).first()
        if "email" in row._fields:
            pass
        if value in row:
            pass
    row2 = {"email": 1}
    return "email" in row2


def dict_param(row):
    row["x"] = 1
    return "x" in row
