from sqlalchemy.orm import Session


def modern(session: Session):
    return session.get_transaction()


def django_style(transaction_manager):
    return transaction_manager.transaction


def conn_level(engine):
    with engine.connect() as conn:
        return conn.transaction
