from sqlalchemy.engine.reflection import Inspector
from sqlalchemy import inspect

insp = Inspector.from_engine(engine)  # expect: SQ420
insp2 = Inspector(engine)  # expect: SQ420


def reflect(t):
    inspect(engine).reflecttable(t, None)  # expect: SQ420
