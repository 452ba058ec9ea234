import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def typed(session: Session):
    return session.query(User).filter_by(name="ed").one_or_none()  # expect: SQ104


def factory():
    with Factory() as s:
        return (
            s.query(sa.func.count(User.id))  # expect: SQ104
            .filter(User.active == True)
            .one_or_none()
        )


def weak(db):
    return db.query(User).one_or_none()  # expect: SQ104 weak


class Service:
    def run(self, session: Session):
        return session.query(User.id, User.name).join(User.addresses).one_or_none()  # expect: SQ104
