from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import scoped_session, sessionmaker


class NickDB:
    def __init__(self, url):
        self.ssession = scoped_session(sessionmaker(bind=create_engine(url)))

    def get_nick_id(self, slug, create=False):
        session = self.ssession()
        try:  # expect: SQ211
            nickname = session.query(Nicknames).filter(Nicknames.slug == slug).one_or_none()
            if nickname is None and create:
                nickname = Nicknames(slug=slug)
                session.add(nickname)
                session.commit()
            return nickname
        except SQLAlchemyError:
            session.rollback()
            raise
        finally:
            self.ssession.remove()

    def forget(self, slug):
        session = self.ssession()
        try:
            session.query(Nicknames).filter(Nicknames.slug == slug).delete()
            return True
        except SQLAlchemyError:
            # No commit in the block: nothing here stands for a transaction to frame.
            session.rollback()
            raise

    def save(self, nickname, commit=True):
        session = self.ssession()
        try:
            # No `finally` ending the session: a conditional commit kept for the caller.
            session.add(nickname)
            if commit:
                session.commit()
        except SQLAlchemyError:
            session.rollback()
            raise

    def get_value(self, slug):
        session = self.ssession()
        try:  # expect: SQ211
            # A read: no commit, but the same rollback-and-remove lifetime.
            return session.query(Nicknames).filter(Nicknames.slug == slug).one_or_none()
        except SQLAlchemyError:
            session.rollback()
            raise
        finally:
            self.ssession.remove()
