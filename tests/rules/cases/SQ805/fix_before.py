from sqlalchemy import create_engine
from sqlalchemy.ext.automap import automap_base

engine = create_engine("sqlite://")
Base = automap_base()
Base.prepare(engine, reflect=True)
Base.prepare(engine=engine, reflect=True, name_for_scalar_relationship=None)
Base.prepare(engine=engine)
automap_base().prepare(engine, reflect=False)
Base.prepare(engine=engine, reflect=flag)  # not a literal: left alone
