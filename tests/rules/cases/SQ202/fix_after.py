from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(autoflush=False, bind=engine)
Other = sessionmaker(bind=engine)
Multi = sessionmaker(
    bind=engine,
)
s = Session(engine)
