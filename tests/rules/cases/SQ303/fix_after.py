from sqlalchemy import Column, Integer, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite://")
Base = declarative_base()
Session = sessionmaker(bind=engine)


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)


Base.metadata.create_all(engine)


def make_session():
    return Session(autoflush=False)
