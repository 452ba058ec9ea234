from sqlalchemy import Engine, create_engine, select
from sqlalchemy.future.orm import Session

engine: Engine = create_engine("sqlite://")
stmt = select(1)
