from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def create(user):
    session = SessionLocal()
    try:  # expect: SQ211
        session.add(user)
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def no_finally(session: Session, user):
    try:  # expect: SQ211
        session.add(user)
        session.commit()
    except:
        session.rollback()
        raise
