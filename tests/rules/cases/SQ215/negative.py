from sqlalchemy import event
from sqlalchemy.orm import Session


def setup(conn):
    trans = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint")

    @event.listens_for(session, "after_transaction_end")
    def log(session, transaction):
        print("done")

    return trans, session
