from sqlalchemy import orm, select
from sqlalchemy.orm import Session


def f(session: Session, e):
    return session.query(User).join("addresses").filter(Address.email == e)  # expect: SQ703


def g(session: Session):
    return session.query(User).outerjoin(Address, "addresses")  # expect: SQ703


def h(db):
    return db.query(User).join("orders").all()  # expect: SQ703 weak


a = select(User).join("addresses")  # expect: SQ703
b = orm.join(User, Address, "addresses")  # expect: SQ703
c = User.query.join("addresses")  # expect: SQ703 weak
