from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def proc(conn):
    conn.execute(text("EXEC my_proc()").execution_options(autocommit=True))  # expect: SQ409
    conn.execute(text("EXEC my_proc()"), execution_options={"autocommit": True})  # expect: SQ409


auto = engine.execution_options(  # expect: SQ409
    autocommit=True,
)
