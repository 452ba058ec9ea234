import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def typed(session: Session):
    return session.query(User).filter_by(name="ed").first()  # expect: SQ102


def factory():
    with Factory() as s:
        return (
            s.query(sa.func.count(User.id))  # expect: SQ102
            .filter(User.active == True)
            .first()
        )


def weak(db):
    return db.query(User).first()  # expect: SQ102 weak


class Service:
    def run(self, session: Session):
        return session.query(User.id, User.name).join(User.addresses).first()  # expect: SQ102
