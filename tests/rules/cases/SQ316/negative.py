import abc

from sqlalchemy.orm import DeclarativeBase, declarative_base

from myproject.meta import DeclarativeMeta


class Base(DeclarativeBase):
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)


class Mine(DeclarativeMeta):
    pass


class Abstract(metaclass=abc.ABCMeta):
    pass


Plain = declarative_base()
