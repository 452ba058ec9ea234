from app.db import get_session


def read():
    session = get_session(autocommit=False)
    web = requests_session(autocommit=True)
    return session, web
