import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def typed(session: Session):
    return session.query(User).filter_by(name="ed").one()  # expect: SQ103


def factory():
    with Factory() as s:
        return (
            s.query(sa.func.count(User.id))  # expect: SQ103
            .filter(User.active == True)
            .one()
        )


def weak(db):
    return db.query(User).one()  # expect: SQ103 weak


class Service:
    def run(self, session: Session):
        return session.query(User.id, User.name).join(User.addresses).one()  # expect: SQ103
