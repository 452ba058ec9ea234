from sqlalchemy.orm import scoped_session, sessionmaker
import sqlalchemy.orm as orm

db_session = scoped_session(sessionmaker(bind=engine))  # expect: SQ214
Session: orm.scoped_session = orm.scoped_session(sessionmaker())  # expect: SQ214


def configure_orm(engine):
    global Session
    Session = scoped_session(  # expect: SQ214
        sessionmaker(autoflush=False, bind=engine)
    )
