from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker, Session

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
Base = declarative_base(metadata=metadata)
SessionLocal = sessionmaker()  # expect: SQ209


def one_off():
    return Session()  # expect: SQ209
