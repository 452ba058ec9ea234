from sqlalchemy import *
from sqlalchemy.orm import *

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)  # expect: SQ202


def make():
    return Session(
        engine,
        autocommit=False,  # expect: SQ202
    )
