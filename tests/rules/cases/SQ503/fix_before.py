from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def check(users):
    with engine.connect() as conn:
        row = conn.execute(select(users)).first()
        if "email" in row:
            print(row.email)
        flags = [users.c.name not in r for r in conn.execute(select(users))]
        result = conn.execute(select(users))
        for each in result:
            print("id" in each)
    return flags


def orm(session: Session, users):
    row = session.execute(select(users)).first()
    return "email" in row


def unknown(row):
    return "id" in row
