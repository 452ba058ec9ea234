from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def shutdown():
    Session.close_all()
    Factory.close_all()
