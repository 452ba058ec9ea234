"""The property is assigned in another module; the class body only declares it (freqtrade)."""
from typing import ClassVar

from sqlalchemy.orm import DeclarativeBase, Query, QueryPropertyDescriptor

from app.models import Order


class Base(DeclarativeBase):
    pass


class Trade(Base):
    __tablename__ = "trades"
    query: ClassVar[QueryPropertyDescriptor]  # expect: SQ128


class Lock(Base):
    __tablename__ = "locks"
    query: "ClassVar[Query['Lock']]"  # expect: SQ128


class LongLock(Lock):
    pass


def open_trades():
    return Trade.query.filter(Trade.id > 1).all()  # expect: SQ128


def add(trade):
    Trade.query.session.add(trade)  # expect: SQ128


def locks():
    return LongLock.query.all()  # expect: SQ128


def imported_session(order):
    Order.query.session.add(order)  # expect: SQ128 weak
