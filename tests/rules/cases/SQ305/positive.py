from sqlalchemy import MetaData
from sqlalchemy.ext.declarative import instrument_declarative  # expect: SQ305
import sqlalchemy.ext.declarative as decl

metadata = MetaData()


class User:
    pass


instrument_declarative(User, {}, metadata)  # expect: SQ305
decl.instrument_declarative(User, {}, metadata)  # expect: SQ305
