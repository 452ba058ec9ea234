from sqlalchemy import Boolean, Column, Enum

flag = Column(Boolean(name="ck_flag", create_constraint=True))
plain = Column(Boolean())
kind = Column(Enum("a", "b", name="kind"))
