import sqlalchemy as sa
from sqlalchemy import Boolean, Column, Enum

flag = Column(Boolean(name="ck_flag"))  # expect: SQ628
kind = Column(sa.Enum("a", "b", native_enum=False))  # expect: SQ628
