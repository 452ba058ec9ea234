import os

from sqlalchemy.orm import Session


def f(session: Session):
    a = session.query(User).join(Address, User.addresses)
    b = session.query(User).join(Address, User.id == Address.user_id)
    c = session.query(User).join(User.orders).join(Order.items)
    d = session.query(User).join(models.Address, User.addresses)
    return a, b, c, d


e = os.path.join(base.dir, cfg.name)
f = "x".join(a.b, c.d)
