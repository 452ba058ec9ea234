from sqlalchemy.orm import Session, scoped_session, sessionmaker

db = scoped_session(sessionmaker())


def nested(session: Session):
    if session.transaction is not None and session.transaction.nested:  # expect: SQ206
        return True


def scoped():
    return db.transaction  # expect: SQ206


def guessed(session):
    return session.transaction  # expect: SQ206 weak
