"""glance: a module's own session helper defaults `autocommit=True` and hands it to oslo.db,
so each plain call gives an autocommit session."""
from oslo_db.sqlalchemy import session as db_session

facade = db_session.EngineFacade("sqlite://")


def get_session(autocommit=True, expire_on_commit=False):  # expect: SQ201 weak
    return facade.get_session(autocommit=autocommit, expire_on_commit=expire_on_commit)  # expect: SQ201 weak


def image_destroy(context, image_id, session=None):
    session = session or get_session()  # expect: SQ201 weak
    with session.begin():
        session.query(Image).filter_by(id=image_id).delete()


def in_transaction():
    return get_session(autocommit=False)
