from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def run():
    with engine.connect() as conn:
        branch = conn.connect()
        branch.execute(text("select 1"))
        other = conn.connect()
        other.close()
