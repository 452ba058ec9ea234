from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite://")
metadata = MetaData()
Base = declarative_base(metadata=metadata)
SessionLocal = sessionmaker()
Bound = sessionmaker(bind=engine)
