from sqlalchemy import create_engine

engine = create_engine("sqlite://")
result = engine.transaction(do_work, 1)  # expect: SQ418


def run():
    with engine.connect() as conn:
        return conn.run_callable(  # expect: SQ418
            do_work,
        )
