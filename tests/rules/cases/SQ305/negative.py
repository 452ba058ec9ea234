from sqlalchemy.ext.declarative import ConcreteBase, DeferredReflection
from sqlalchemy.orm import registry

from myproject.legacy import instrument_declarative

reg = registry()


class User:
    pass


reg.map_declaratively(User)
instrument_declarative(User)
