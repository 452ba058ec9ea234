import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

Factory = sessionmaker()


def typed(session: Session):
    return session.query(User).filter_by(name="ed").scalar()  # expect: SQ105


def factory():
    with Factory() as s:
        return (
            s.query(sa.func.count(User.id))  # expect: SQ105
            .filter(User.active == True)
            .scalar()
        )


def weak(db):
    return db.query(User).scalar()  # expect: SQ105 weak


class Service:
    def run(self, session: Session):
        return session.query(User.id, User.name).join(User.addresses).scalar()  # expect: SQ105
