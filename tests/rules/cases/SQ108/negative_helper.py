from sqlalchemy import Select, select
from sqlalchemy.orm import Session


def all_locks() -> Select:
    return select(Lock)


class Lock:
    @classmethod
    def names(cls) -> list:
        return []


def release(session: Session):
    for lock in session.scalars(all_locks()):
        lock.active = False
    return [name for name in Lock.names()]
