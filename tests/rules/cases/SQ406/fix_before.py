from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def run(users, rows):
    with engine.connect() as conn:
        conn.execute(users.insert(), {"id": 1, "name": "a"}, {"id": 2, "name": "b"})
        conn.execute(users.insert(), *[{"id": 3}, {"id": 4}])
