from app.extensions import db
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def loop(session: Session):
    for u in session.query(User).filter(User.active):  # expect: SQ108
        print(u)


def comprehension(session: Session):
    return [u.name for u in session.query(User).order_by(User.id)]  # expect: SQ108


def materialised():
    s = SessionLocal()
    return list(s.query(User.id, User.name))  # expect: SQ108


def sliced(session: Session):
    return session.query(User).order_by(User.id)[0:3]  # expect: SQ108


def indexed(session: Session):
    return session.query(User).order_by(User.id)[0]  # expect: SQ108


def negative(session: Session):
    return session.query(User).order_by(User.id)[-1]  # expect: SQ108


def variable(session: Session):
    q = session.query(User).filter(User.active)
    for u in q:  # expect: SQ108
        print(u)
    return q[:10]  # expect: SQ108


def by_name(db):
    for u in (
        db.query(User)  # expect: SQ108 weak
        .filter(User.active)
    ):
        print(u)


async def in_async(session: Session):
    return {u.id: u for u in session.query(User)}  # expect: SQ108


def cross_module():
    slices = db.session.query(Slice).filter(Slice.viz_type == "x")
    for slc in slices:  # expect: SQ108 weak
        print(slc)
