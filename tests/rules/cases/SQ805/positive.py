from sqlalchemy import create_engine
from sqlalchemy.ext.automap import automap_base

engine = create_engine("sqlite://")
Base = automap_base()
Base.prepare(engine, reflect=True)  # expect: SQ805
Base.prepare(engine=engine)  # expect: SQ805
automap_base().prepare(engine)  # expect: SQ805


def other_module(MyBase):
    MyBase.prepare(engine, reflect=True)  # expect: SQ805 weak
