from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

FLAG = False
engine = create_engine("sqlite://", future=True)
Factory = sessionmaker(engine, future=True, expire_on_commit=False)
s = Session(engine, future=FLAG)
