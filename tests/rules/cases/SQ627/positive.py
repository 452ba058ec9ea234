import sqlalchemy as sa
from sqlalchemy import Column, Integer, Sequence


class User(Base):
    id = Column(Integer, Sequence("user_id_seq"), primary_key=True)  # expect: SQ627
    n = Column(Integer, sa.Sequence("n_seq", increment=2))  # expect: SQ627
