from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
a = Session(engine, autoflush=False, future=True, expire_on_commit=False)
b = Session(engine, autoflush=False, info={"x": 1})
c = Session(engine, False, autoflush=True)
