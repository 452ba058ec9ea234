import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker, scoped_session

SessionLocal = sessionmaker()
db_session = scoped_session(SessionLocal)


def typed(session: Session):
    return session.query(User).filter(User.name == "ed").order_by(User.id).all()  # expect: SQ101


def from_factory():
    s = SessionLocal()
    return s.query(User, Address).join(User.addresses).all()  # expect: SQ101


def scoped():
    return db_session.query(User.name).all()  # expect: SQ101


def multiline(session: Session):
    return (
        session.query(User)  # expect: SQ101
        .filter(User.active)
        .all()
    )


def variable_chain(session: Session):
    q = session.query(User)
    q = q.filter(User.active)
    return q.all()  # expect: SQ101


def by_name_only(session):
    return session.query(User).all()  # expect: SQ101 weak


class Repo:
    def __init__(self):
        self.session = Session()

    def everyone(self):
        return self.session.query(User).all()  # expect: SQ101


async def in_async(session: Session):
    return session.query(User).all()  # expect: SQ101


def unknown_receiver_but_query_only_method(thing):
    return thing.query(User).filter_by(name="x").all()  # expect: SQ101 weak


def with_session_block():
    with Session(engine) as s:
        return s.query(User).all()  # expect: SQ101
