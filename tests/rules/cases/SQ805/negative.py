from sqlalchemy import create_engine
from sqlalchemy.ext.automap import automap_base
from sqlalchemy.ext.declarative import DeferredReflection

engine = create_engine("sqlite://")
Base = automap_base()
Base.prepare(autoload_with=engine)
Base.prepare()


class Reflected(DeferredReflection):
    pass


Reflected.prepare(engine)


def statement(cursor):
    cursor.prepare("select 1")
