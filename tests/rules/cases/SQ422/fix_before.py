from sqlalchemy import create_engine
from sqlalchemy.engine.url import URL

url = URL("postgresql", username="u", password="p", host="h", database="d")
engine = create_engine(url)
dsn = str(engine.url)
