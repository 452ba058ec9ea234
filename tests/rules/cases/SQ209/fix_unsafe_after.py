from sqlalchemy.orm import declarative_base, sessionmaker

from app_settings import build_engine

engine = build_engine()
Base = declarative_base()
Base.metadata.bind = engine

SessionLocal = sessionmaker(bind=engine)
