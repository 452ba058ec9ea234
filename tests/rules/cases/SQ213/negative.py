import requests
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker, scoped_session

engine = sa.create_engine("sqlite://")
SessionLocal = sessionmaker(engine)
Scoped = scoped_session(SessionLocal)
http = requests.Session()


def handler():
    session = SessionLocal()
    with Session(engine) as s:
        return s, session
