from sqlalchemy import create_engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

engine = create_engine("sqlite://")
db = scoped_session(sessionmaker(bind=engine))


def in_savepoint(session: Session) -> bool:
    if session.in_nested_transaction():
        return True
    return False


def flag(session: Session) -> bool:
    return not session.in_nested_transaction()  # savepoint?


def left_alone(session: Session):
    tx = session.transaction
    return tx, db.transaction.nested
