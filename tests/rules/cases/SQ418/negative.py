import transaction
from sqlalchemy import create_engine

engine = create_engine("sqlite://")


def pyramid(manager, session):
    with transaction.manager:
        pass
    manager.transaction(lambda: None)
    return session.transaction
