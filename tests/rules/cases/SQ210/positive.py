import sqlalchemy.orm as orm
from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def shutdown():
    Session.close_all()  # expect: SQ210
    SessionLocal.close_all()  # expect: SQ210
    orm.Session.close_all()  # expect: SQ210
