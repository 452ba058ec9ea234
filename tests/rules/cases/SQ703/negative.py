import os

from sqlalchemy import select
from sqlalchemy.orm import Session

a = ", ".join(["a", "b"])
b = os.path.join("a", "b")
sep = "-"
c = sep.join(["x"])


def f(session: Session):
    return session.query(User).join(User.addresses)


d = select(User).join(Address, User.addresses)
thread.join("timeout")
