from sqlalchemy.ext.declarative import declarative_base, declared_attr  # expect: SQ301
from sqlalchemy.ext.declarative import (  # expect: SQ301
    as_declarative,
    ConcreteBase,
)
import sqlalchemy as sa
import sqlalchemy.ext.declarative

Base = sa.ext.declarative.declarative_base()  # expect: SQ301
Other = sqlalchemy.ext.declarative.declared_attr  # expect: SQ301
