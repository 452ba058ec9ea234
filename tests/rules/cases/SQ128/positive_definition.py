"""Where `Model.query` comes from, and a whole-table Query iterated (freqtrade's shapes)."""
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

from app.models import PairLock

Session = scoped_session(sessionmaker())


class Base:
    query = Session.query_property()  # expect: SQ128


Model = declarative_base(cls=Base)


def init_db(engine, Trade, Order):
    Trade._session = scoped_session(sessionmaker(bind=engine, autoflush=False))
    Trade.query = Trade._session.query_property()  # expect: SQ128
    Order.query = Trade._session.query_property()  # expect: SQ128


def migrate_locks():
    for pairlock in PairLock.query:  # expect: SQ128 weak
        print(pairlock.pair)


def teardown(Order):
    if hasattr(PairLock, "query"):
        del PairLock.query  # expect: SQ128 weak
