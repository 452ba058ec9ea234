from collections.abc import Sequence

from sqlalchemy import Column, Integer
from sqlalchemy import Sequence as Seq

a = Column(Integer, Seq("user_id_seq", start=1))
b = Seq("x", 5)
c: Sequence[int] = (1, 2)
