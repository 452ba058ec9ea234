from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)
Other = sessionmaker(bind=engine, autocommit=False)
Multi = sessionmaker(
    bind=engine,
    autocommit=False,
)
s = Session(engine, autocommit=False)
