from sqlalchemy import MetaData, Table
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Address(Base):
    __tablename__ = "address"


def f(session: Session):
    return session.query(User).join(Address.__table__, User.addresses)  # expect: SQ712


def g(session: Session):
    return session.query(User).join(Address.__table__.alias(), User.addresses)  # expect: SQ712


def h(session: Session):
    addresses_table = Table("address", MetaData())
    return session.query(User).join(addresses_table, User.addresses)  # expect: SQ712 weak
