from sqlalchemy import Column, Integer, MetaData, String
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

NAMING = {"pk": "pk_%(table_name)s"}
db_session = scoped_session(sessionmaker())

Base = declarative_base(metadata=MetaData(naming_convention=NAMING))  # the base
Base.query = db_session.query_property()

Other = declarative_base(cls=object)


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
