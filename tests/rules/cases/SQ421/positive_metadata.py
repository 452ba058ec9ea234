"""Reading `MetaData.bind`, gone in 2.0 (CloudBot's test asserted it)."""
from sqlalchemy import MetaData
from sqlalchemy.orm import declarative_base

from cloudbot.util import database

Base = declarative_base()
metadata = MetaData()


def test_database(engine):
    database.configure()
    assert database.metadata.bind is None  # expect: SQ421 weak
    database.configure(engine)
    assert database.metadata.bind is engine  # expect: SQ421 weak


def bound_engine():
    return Base.metadata.bind or metadata.bind  # expect: SQ421
