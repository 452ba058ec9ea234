from sqlalchemy.orm import Query, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


def all_locks() -> Query:
    return db_session.query(Lock)


class Lock:
    @classmethod
    def active(cls) -> "Query[Lock]":
        return db_session.query(cls).filter_by(active=True)


def release():
    for lock in all_locks():  # expect: SQ108
        lock.active = False
    return [lock.id for lock in Lock.active()]  # expect: SQ108
