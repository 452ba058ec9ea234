import requests
from sqlalchemy.orm import Session, sessionmaker

s = Session(engine, autoflush=False)
http = requests.Session()
factory = sessionmaker(engine, Session)
