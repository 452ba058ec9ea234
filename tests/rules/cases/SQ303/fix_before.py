from sqlalchemy import Column, Integer, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite://")
Base = declarative_base(bind=engine)
Session = sessionmaker()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)


Base.metadata.create_all()


def make_session():
    return Session(autoflush=False)
