import sys
from sqlalchemy.orm import Session


def save(session: Session, user, handler):
    session.add(user)
    session.flush()
    sys.stdout.flush()
    handler.flush(user)
