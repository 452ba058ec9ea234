import sqlalchemy as sa
from sqlalchemy.ext.declarative import DeclarativeMeta
from sqlalchemy.orm import declarative_base, registry


class Meta(DeclarativeMeta):  # expect: SQ316
    def __init__(cls, name, bases, d):
        super().__init__(name, bases, d)


Base = declarative_base(metaclass=Meta)  # expect: SQ316
Other = registry().generate_base(metaclass=Meta)  # expect: SQ316


class Direct(metaclass=sa.orm.DeclarativeMeta):  # expect: SQ316
    pass
