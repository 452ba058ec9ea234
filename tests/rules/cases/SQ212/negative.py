from fastapi import Depends
from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def endpoint(name, db: Session = Depends(get_db)):
    db.add(User(name=name))
    db.commit()


def owner():
    with SessionLocal() as session:
        session.add(User())
        session.commit()


def transaction_obj(conn):
    conn.commit()


def unrelated(session):
    session.commit()


class Repo:
    def save(self, obj):
        self.session.add(obj)
        self.session.commit()
