from sqlalchemy.ext.declarative import ConcreteBase
from sqlalchemy.ext.declarative import DeferredReflection
from sqlalchemy.orm import as_declarative as decl, declarative_base, declared_attr  # models

Base = declarative_base()


class Mixin:
    @declared_attr
    def tag(cls):
        return cls.__name__


@decl()
class Other:
    pass


__all__ = ["Base", "ConcreteBase", "DeferredReflection", "Mixin", "Other"]
