from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)


def create(user):
    # one unit of work
    session = SessionLocal()
    try:
        session.add(user)
        session.flush()
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
    return user


def direct(user):
    s = Session(engine)
    try:
        s.add(user)
        s.commit()
    except:
        s.rollback()
        raise
    finally:
        s.close()


def early_exit(user, skip):
    session = SessionLocal()
    try:
        if skip:
            return None
        session.add(user)
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def no_close(session: Session, user):
    try:
        session.add(user)
        session.commit()
    except Exception:
        session.rollback()
        raise
