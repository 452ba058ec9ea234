from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import session as db_session

from app.config import Facade

CONF = object()


def facade():
    return db_session.EngineFacade.from_config(CONF, autocommit=False)


def plain_facade():
    return db_session.EngineFacade.from_config(CONF)


def configure(conf):
    options = dict(conf.database.items())
    options['__autocommit'] = False
    options['autocommit_delay'] = True
    enginefacade.configure(**options)


def other_facade():
    # Not oslo.db's: whatever its `autocommit` means.
    return Facade(autocommit=True)


def driver_options(params):
    # Not handed to a session factory: some driver's own `autocommit` setting.
    params['autocommit'] = True
    return connect(**params)


def driver_mode(conn_params, dbapi_connection):
    # A DBAPI connection's own `autocommit` (psycopg, pymysql) is not the Session's.
    dbapi_connection.autocommit = True
    return conn_params.autocommit or dbapi_connection.autocommit
