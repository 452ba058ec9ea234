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


def make_base(schema):
    # DigiScript's shape: the rewrite `metadata = metadata` in a class body raised NameError.
    metadata = MetaData(schema=schema)
    Local = declarative_base(metadata=metadata)
    return Local


class Registry:
    md = MetaData()
    Nested = declarative_base(metadata=md)


def make_plain_base(schema):
    Plain = declarative_base(metadata=MetaData(schema=schema))
    return Plain
