from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

from myproject.base import declarative_base as own_base

engine = create_engine("sqlite://")
Base = declarative_base()
Session = sessionmaker(bind=engine)
meta = MetaData()
Mine = own_base(bind=engine)
