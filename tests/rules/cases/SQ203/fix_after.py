from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

FLAG = False
engine = create_engine("sqlite://")
Factory = sessionmaker(engine, expire_on_commit=False)
s = Session(engine, future=FLAG)
