from sqlalchemy import event
from sqlalchemy.orm import Session


class DbTest:
    def setUp(self):
        self.conn = engine.connect()
        self.trans = self.conn.begin()
        self.session = Session(bind=self.conn)
        self.nested = self.conn.begin_nested()

        @event.listens_for(self.session, "after_transaction_end")  # expect: SQ215
        def restart(session, transaction):
            if not self.conn.in_nested_transaction():
                self.conn.begin_nested()
