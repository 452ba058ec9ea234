from sqlalchemy.orm import close_all_sessions, Session, sessionmaker

Factory = sessionmaker()


def shutdown():
    close_all_sessions()
    close_all_sessions()
