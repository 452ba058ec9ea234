from sqlalchemy import inspect

insp = inspect(engine)


def reflect(t, other_lib):
    insp.reflect_table(t, None)
    other_lib.Inspector.from_engine(engine)
