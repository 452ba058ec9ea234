import sqlalchemy as sa
from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import declarative_base

engine = create_engine("sqlite://")
metadata = MetaData(engine)  # expect: SQ410
meta2 = sa.MetaData(bind=engine)  # expect: SQ410
Base = declarative_base()
Base.metadata.bind = engine  # expect: SQ410


def configure(url):
    md = MetaData()
    md.bind = create_engine(url)  # expect: SQ410
    return sa.ThreadLocalMetaData()  # expect: SQ410
