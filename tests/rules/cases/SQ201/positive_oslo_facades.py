from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import session as db_session

CONF = object()
_FACADE = None


def _create_facade_lazily():
    global _FACADE
    if _FACADE is None:
        _FACADE = db_session.EngineFacade.from_config(CONF, autocommit=True)  # expect: SQ201
    return _FACADE


def legacy_facade(url):
    return db_session.EngineFacade(url, autocommit=True)  # expect: SQ201


def configure(conf):
    options = dict(conf.database.items())
    options['__autocommit'] = True  # expect: SQ201
    enginefacade.configure(**options)


def configure_direct(flag):
    enginefacade.configure(sqlite_fk=True, __autocommit=flag)  # expect: SQ201 weak


def trove_facade(options, database_opts):
    database_opts = dict(database_opts)
    database_opts['autocommit'] = True  # expect: SQ201
    return db_session.EngineFacade(options['connection'], **database_opts)


def is_session_active(session):
    if session.autocommit:  # expect: SQ201 weak
        return False
    return True
