from sqlalchemy import create_engine
from sqlalchemy.ext.automap import automap_base

engine = create_engine("sqlite://")
Base = automap_base()
Base.prepare(autoload_with=engine)
Base.prepare(autoload_with=engine, name_for_scalar_relationship=None)
Base.prepare()
automap_base().prepare(autoload_with=engine)
Base.prepare(engine=engine, reflect=flag)  # not a literal: left alone
