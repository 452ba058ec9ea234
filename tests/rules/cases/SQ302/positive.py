import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.orm import as_declarative, declarative_base, registry
from sqlalchemy.ext import declarative as ext

Base = declarative_base()  # expect: SQ302
Named = declarative_base(metadata=MetaData(naming_convention={"pk": "pk_%(table_name)s"}))  # expect: SQ302
WithCls = declarative_base(cls=object, name="WithCls")  # expect: SQ302
Generated = registry().generate_base()  # expect: SQ302
Legacy = ext.declarative_base()  # expect: SQ302
Dotted = sa.orm.declarative_base()  # expect: SQ302


@as_declarative()  # expect: SQ302
class Decorated:
    id = sa.Column(sa.Integer, primary_key=True)
