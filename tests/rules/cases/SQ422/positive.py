from sqlalchemy import create_engine
from sqlalchemy.engine.url import URL, make_url

engine = create_engine("sqlite://")
url = URL("postgresql", username="u", password="p", host="h", database="d")  # expect: SQ422


def clone():
    u = make_url("postgresql://u:p@h/d")
    u.database = "other"  # expect: SQ422
    e2 = create_engine(str(engine.url))  # expect: SQ422
    return str(u)  # expect: SQ422
