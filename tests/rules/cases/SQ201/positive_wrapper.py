# Session factory wrappers that hand `autocommit=` to sessionmaker (oslo.db's EngineFacade).
from oslo_db.sqlalchemy import session as db_session

facade = db_session.EngineFacade("sqlite://")


def get_session(autocommit=True, expire_on_commit=False):  # expect: SQ201 weak
    return facade.get_session(autocommit=autocommit, expire_on_commit=expire_on_commit)  # expect: SQ201 weak


def scratch():
    return get_session(autocommit=True)  # expect: SQ201 weak


def imported():
    from app.db import get_session

    return get_session(autocommit=True)  # expect: SQ201 weak
