from sqlalchemy.orm import Session


def method_b(session: Session, obj):
    session.begin(subtransactions=True)  # expect: SQ204
    try:
        session.add(obj)
        session.commit()
    except Exception:
        session.rollback()
        raise


class Service:
    def save(self, obj):
        with self.session.begin(  # expect: SQ204
            subtransactions=True
        ):
            self.session.add(obj)
