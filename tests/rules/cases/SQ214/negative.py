from sqlalchemy.orm import scoped_session, sessionmaker
from sqlalchemy.ext.asyncio import async_scoped_session

SessionLocal = sessionmaker()


def per_request():
    s = scoped_session(SessionLocal)
    return s
