from typing import Any

from sqlalchemy.orm import DeclarativeBase
from mylib import declarative_base

Base: Any = declarative_base()
Pending: Any


class Model(DeclarativeBase):
    pass
