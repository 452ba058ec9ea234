from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def modern(users, cursor):
    with engine.begin() as conn:
        conn.execute(users.insert(), [{"id": 1}, {"id": 2}])
    cursor.execute("insert", {"id": 1}, {"id": 2})
