import codecs
from sqlalchemy import create_engine

engine = create_engine(url, connect_args={"charset": "latin1"})
reader = codecs.open("f", encoding="latin1")
plan = make_plan(strategy="threadlocal")
