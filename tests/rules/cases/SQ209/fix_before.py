from sqlalchemy import Column, Integer, MetaData, create_engine
from sqlalchemy.orm import Session, declarative_base, scoped_session, sessionmaker

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
Base = declarative_base(metadata=metadata)


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)


SessionLocal = sessionmaker(autoflush=False)
Scoped = scoped_session(sessionmaker())
Multi = sessionmaker(
    autoflush=False,
    expire_on_commit=False,
)


def one_off():
    return Session()


def shadowed(engine):
    # `engine` here is the parameter, not the bound one: left for a human.
    return Session()
