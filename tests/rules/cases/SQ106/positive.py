import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def typed(session: Session):
    return session.query(User).filter_by(name="ed").count()  # expect: SQ106


def factory():
    with Factory() as s:
        return (
            s.query(sa.func.count(User.id))  # expect: SQ106
            .filter(User.active == True)
            .count()
        )


def weak(db):
    return db.query(User).count()  # expect: SQ106 weak


class Service:
    def run(self, session: Session):
        return session.query(User.id, User.name).join(User.addresses).count()  # expect: SQ106
