from sqlalchemy.orm import declarative_base, declared_attr
from sqlalchemy.ext.declarative import ConcreteBase, DeferredReflection, AbstractConcreteBase
from myapp.ext.declarative import declarative_base as mine
