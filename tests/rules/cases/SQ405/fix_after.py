from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def run(users, extra):
    with engine.connect() as conn:
        conn.execute(users.insert(), {"id": 10, "name": "x"})
        conn.execute(text("select * from t where id = :id"), {"id": 5})
        conn.execute(users.insert(), extra)
        conn.execute(users.insert(), {"id": 11, **extra})
        conn.execute(users.insert(), {"id": 1}, name="y")
