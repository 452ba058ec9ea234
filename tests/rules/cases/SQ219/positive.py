from sqlalchemy import *
from sqlalchemy.orm import *

engine = create_engine("sqlite://")
s = Session(engine, False, True, False)  # expect: SQ219


def make():
    return Session(  # expect: SQ219
        engine,
        False,
    )
