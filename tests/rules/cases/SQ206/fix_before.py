from sqlalchemy import create_engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

engine = create_engine("sqlite://")
db = scoped_session(sessionmaker(bind=engine))


def in_savepoint(session: Session) -> bool:
    if session.transaction is not None and session.transaction.nested:
        return True
    return False


def flag(session: Session) -> bool:
    return not session.transaction.nested  # savepoint?


def left_alone(session: Session):
    tx = session.transaction
    return tx, db.transaction.nested
