from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def insert(users, rows):
    with engine.begin() as conn:
        conn.execute(users.insert(), {"id": 1, "name": "a"}, {"id": 2, "name": "b"})  # expect: SQ406
        conn.execute(users.insert(), *rows)  # expect: SQ406


def guessed(connection, users):
    connection.execute(  # expect: SQ406 weak
        users.insert(),
        {"id": 1},
        {"id": 2},
    )
