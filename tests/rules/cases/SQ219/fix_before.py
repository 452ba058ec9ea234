from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
a = Session(engine, False, True, False)
b = Session(engine, False, info={"x": 1})
c = Session(engine, False, autoflush=True)
