from sqlalchemy.orm import Session, close_all_sessions, sessionmaker

Factory = sessionmaker()


def shutdown():
    close_all_sessions()
    close_all_sessions()
