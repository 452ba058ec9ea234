from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)


def create(user):
    # one unit of work
    with SessionLocal.begin() as session:
        session.add(user)
        session.flush()
    return user


def direct(user):
    with Session(engine) as s, s.begin():
        s.add(user)


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
