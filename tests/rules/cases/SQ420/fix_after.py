from sqlalchemy import MetaData, Table, create_engine, inspect
from sqlalchemy.engine.reflection import Inspector

engine = create_engine("sqlite://")
insp = inspect(engine)
insp2 = inspect(engine)
t = Table("t", MetaData())
insp.reflect_table(t, None)
