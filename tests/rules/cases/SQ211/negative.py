from sqlalchemy.orm import sessionmaker
import logging

SessionLocal = sessionmaker()


def swallowed(user):
    session = SessionLocal()
    try:
        session.add(user)
        session.commit()
    except Exception:
        session.rollback()
        logging.exception("failed")
    finally:
        session.close()


def git_like(repo):
    try:
        repo.commit()
    except Exception:
        repo.rollback()
        raise
