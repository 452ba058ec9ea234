"""`create_session(autocommit=False)` already had a transaction; other `create_session`s."""

from sqlalchemy import orm

from .factory import create_session


def upgrade(bind, make):
    session = orm.create_session(bind=bind, autocommit=False)
    mine = create_session(bind)
    theirs = make.create_session()
    session.commit()
    mine.commit()
    theirs.commit()
