from sqlalchemy import MetaData, Table, create_engine
from sqlalchemy.engine.reflection import Inspector

engine = create_engine("sqlite://")
insp = Inspector.from_engine(engine)
insp2 = Inspector(engine)
t = Table("t", MetaData())
insp.reflecttable(t, None)
