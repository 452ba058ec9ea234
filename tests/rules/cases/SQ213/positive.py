import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

engine = sa.create_engine("sqlite://")
SessionLocal = sessionmaker(engine)
session = Session(engine)  # expect: SQ213
db = SessionLocal()  # expect: SQ213


class Handler:
    session = sa.orm.Session(bind=engine)  # expect: SQ213
