from sqlalchemy import Column, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, declarative_base, scoped_session, sessionmaker

NAMING = {"pk": "pk_%(table_name)s"}
db_session = scoped_session(sessionmaker())

class Base(DeclarativeBase):  # the base
    metadata = MetaData(naming_convention=NAMING)
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
    class Plain(DeclarativeBase):
        metadata = MetaData(schema=schema)
    return Plain
